// nftables: everything lives in one table of our own, `inet slips_notebooks`, so it never touches a rule
// someone else wrote and removing it removes all we added. Blocked addresses are elements of two sets
// (IPv4, IPv6) that base chains on the input, output and forward hooks drop in both directions: blocking
// and unblocking are one set element each, atomic, and the chains stay fixed. A drop in any base chain is
// final in nftables, so an accept elsewhere (another table, another priority) cannot undo ours.
import { isIP } from 'node:net';
import type { ClearOutcome, FirewallBackend } from './firewallBackend';
import { runCommand, type FirewallCommand } from './firewallCommand';

export const NFT_TABLE = 'slips_notebooks';
export const NFT_FAMILY = 'inet';

function setFor(ip: string): string {
  return isIP(ip) === 6 ? 'blocked6' : 'blocked4';
}

function nftScript(script: string): FirewallCommand {
  return { program: 'nft', args: ['-f', '-'], stdin: script };
}

/** Drops to and from the blocked sets; `counter` so `nft list table` shows what the block stopped. */
function chain(name: string, hook: string): string {
  return [
    `  chain ${name} {`,
    `    type filter hook ${hook} priority filter - 10; policy accept;`,
    `    ip saddr @blocked4 counter drop`,
    `    ip daddr @blocked4 counter drop`,
    `    ip6 saddr @blocked6 counter drop`,
    `    ip6 daddr @blocked6 counter drop`,
    `  }`,
  ].join('\n');
}

export const nftablesBackend: FirewallBackend = {
  name: 'nftables',
  program: 'nft',

  setup(): FirewallCommand[] {
    // `add` then `delete` makes a leftover table of a killed run go away in the same transaction that
    // creates the fresh one, so setup works whether or not the table exists.
    return [
      nftScript(
        [
          `add table ${NFT_FAMILY} ${NFT_TABLE}`,
          `delete table ${NFT_FAMILY} ${NFT_TABLE}`,
          `table ${NFT_FAMILY} ${NFT_TABLE} {`,
          `  set blocked4 { type ipv4_addr; }`,
          `  set blocked6 { type ipv6_addr; }`,
          chain('input', 'input'),
          chain('forward', 'forward'),
          chain('output', 'output'),
          `}`,
          '',
        ].join('\n'),
      ),
    ];
  },

  block(ip: string): FirewallCommand[] {
    return [nftScript(`add element ${NFT_FAMILY} ${NFT_TABLE} ${setFor(ip)} { ${ip} }\n`)];
  },

  unblock(ip: string): FirewallCommand[] {
    return [nftScript(`delete element ${NFT_FAMILY} ${NFT_TABLE} ${setFor(ip)} { ${ip} }\n`)];
  },

  teardown(): FirewallCommand[] {
    return [nftScript(`delete table ${NFT_FAMILY} ${NFT_TABLE}\n`)];
  },

  async clear(run = runCommand): Promise<ClearOutcome> {
    const listed = await run({ program: 'nft', args: ['-j', 'list', 'tables'] });
    if (!listed.ok) return { removed: [], failure: listed };
    if (!ourTableListed(listed.stdout)) return { removed: [] };
    const del = await run(nftScript(`delete table ${NFT_FAMILY} ${NFT_TABLE}\n`));
    return del.ok ? { removed: [`table ${NFT_FAMILY} ${NFT_TABLE}`] } : { removed: [], failure: del };
  },
};

/** `nft -j list tables` output: {"nftables": [{"metainfo": …}, {"table": {"family", "name", …}}, …]}. */
export function ourTableListed(json: string): boolean {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    return false;
  }
  const items = (doc as { nftables?: unknown[] }).nftables ?? [];
  return items.some((i) => {
    const t = (i as { table?: { family?: string; name?: string } }).table;
    return t?.family === NFT_FAMILY && t.name === NFT_TABLE;
  });
}

/** The addresses in our sets, from `nft -j list table inet slips_notebooks` (for status and tests). */
export function blockedInTable(json: string): string[] {
  const doc = JSON.parse(json) as { nftables?: unknown[] };
  const out: string[] = [];
  for (const i of doc.nftables ?? []) {
    const s = (i as { set?: { table?: string; elem?: unknown[] } }).set;
    if (s?.table !== NFT_TABLE) continue;
    for (const e of s.elem ?? []) if (typeof e === 'string') out.push(e);
  }
  return out.sort();
}
