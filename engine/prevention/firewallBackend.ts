// Which firewall the blocking uses, and what every backend offers. nftables is preferred (its own table,
// atomic set updates); iptables (our own chain `slipsBlocking`, as upstream) is the fallback when `nft` is
// not installed. `--firewall` forces one. The choice only looks for the program: whether the process may
// change the firewall shows when the setup commands run.
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { pathWithSbin, runCommand, type CommandResult, type FirewallCommand } from './firewallCommand';

export type FirewallName = 'nftables' | 'iptables';

export interface FirewallBackend {
  name: FirewallName;
  /** The program whose presence selects this backend. */
  program: 'nft' | 'iptables';
  /** Creates our table/chain (replacing a leftover of an earlier run) and hooks it in. */
  setup(): FirewallCommand[];
  block(ip: string): FirewallCommand[];
  unblock(ip: string): FirewallCommand[];
  /**
   * Commands undoing exactly what setup() made, for a process that is dying (run synchronously, failures
   * ignored); clear() is the careful way, which looks first.
   */
  teardown(): FirewallCommand[];
  /** Removes everything this backend ever adds, and nothing else; nothing to remove is not a failure. */
  clear(run?: typeof runCommand): Promise<ClearOutcome>;
}

export interface ClearOutcome {
  /** What was found and removed, for the user (`table inet slips_notebooks`, `iptables chain slipsBlocking`). */
  removed: string[];
  failure?: CommandResult;
}

/** Whether `program` is an executable in PATH or in the sbin folders. */
export function hasProgram(program: string, path = process.env.PATH ?? ''): boolean {
  for (const dir of pathWithSbin(path).split(':')) {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

/**
 * The backend to use: the one asked for, else nftables when `nft` exists, else iptables when it exists.
 * Undefined when the one asked for (or both) is missing.
 */
export function chooseBackend(
  backends: { nftables: FirewallBackend; iptables: FirewallBackend },
  wanted: FirewallName | 'auto' = 'auto',
  has: (program: string) => boolean = hasProgram,
): FirewallBackend | undefined {
  if (wanted !== 'auto') return has(backends[wanted].program) ? backends[wanted] : undefined;
  for (const b of [backends.nftables, backends.iptables]) if (has(b.program)) return b;
  return undefined;
}
