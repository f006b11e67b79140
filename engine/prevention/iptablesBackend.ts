// iptables fallback, laid out as upstream's blocking module: a chain of our own, `slipsBlocking`, jumped to
// from INPUT, OUTPUT and FORWARD (upstream forgot the jumps in 0.7.1, quirk Q11: here they are inserted
// first, so an earlier ACCEPT cannot bypass the block), with one DROP rule per direction and address,
// commented "Slips rule". IPv6 addresses go to ip6tables, which Debian's iptables package also ships.
// `-w` waits for the xtables lock instead of failing when another program holds it.
import { isIP } from 'node:net';
import type { ClearOutcome, FirewallBackend } from './firewallBackend';
import { runCommand, type FirewallCommand } from './firewallCommand';

export const IPT_CHAIN = 'slipsBlocking';
const HOOKED = ['INPUT', 'OUTPUT', 'FORWARD'] as const;
const COMMENT = 'Slips rule';

type Program = 'iptables' | 'ip6tables';

function programFor(ip: string): Program {
  return isIP(ip) === 6 ? 'ip6tables' : 'iptables';
}

function ipt(program: Program, ...args: string[]): FirewallCommand {
  return { program, args: ['-w', ...args] };
}

/** The two DROP rules of one address (source and destination), as rule specs after the chain name. */
function dropSpecs(ip: string): string[][] {
  return ['-s', '-d'].map((dir) => [dir, ip, '-m', 'comment', '--comment', COMMENT, '-j', 'DROP']);
}

export const iptablesBackend: FirewallBackend = {
  name: 'iptables',
  program: 'iptables',

  setup(): FirewallCommand[] {
    const out: FirewallCommand[] = [];
    for (const p of ['iptables', 'ip6tables'] as const) {
      out.push(ipt(p, '-N', IPT_CHAIN));
      for (const h of HOOKED) out.push(ipt(p, '-I', h, '1', '-j', IPT_CHAIN));
    }
    return out;
  },

  block(ip: string): FirewallCommand[] {
    return dropSpecs(ip).map((spec) => ipt(programFor(ip), '-I', IPT_CHAIN, ...spec));
  },

  unblock(ip: string): FirewallCommand[] {
    return dropSpecs(ip).map((spec) => ipt(programFor(ip), '-D', IPT_CHAIN, ...spec));
  },

  teardown(): FirewallCommand[] {
    const out: FirewallCommand[] = [];
    for (const p of ['iptables', 'ip6tables'] as const) {
      for (const h of HOOKED) out.push(ipt(p, '-D', h, '-j', IPT_CHAIN));
      out.push(ipt(p, '-F', IPT_CHAIN), ipt(p, '-X', IPT_CHAIN));
    }
    return out;
  },

  async clear(run = runCommand): Promise<ClearOutcome> {
    const removed: string[] = [];
    for (const p of ['iptables', 'ip6tables'] as const) {
      // `-S` lists the filter table's chains (`-N name`); listing a missing chain by name gives a
      // misleading "incompatible" error with iptables-nft 1.8.9.
      const listed = await run(ipt(p, '-S'));
      if (!listed.ok) {
        if (listed.missing) continue;
        return { removed, failure: listed };
      }
      if (!listed.stdout.split('\n').includes(`-N ${IPT_CHAIN}`)) continue;
      for (const h of HOOKED)
        // A jump may have been inserted more than once (a run killed between setup and cleanup, twice).
        while ((await run(ipt(p, '-C', h, '-j', IPT_CHAIN))).ok) {
          const del = await run(ipt(p, '-D', h, '-j', IPT_CHAIN));
          if (!del.ok) return { removed, failure: del };
        }
      for (const args of [
        ['-F', IPT_CHAIN],
        ['-X', IPT_CHAIN],
      ]) {
        const r = await run(ipt(p, ...args));
        if (!r.ok) return { removed, failure: r };
      }
      removed.push(`${p} chain ${IPT_CHAIN}`);
    }
    return { removed };
  },
};
