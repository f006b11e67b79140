// `slips --clear-blocking`: removes what the blocking adds (the nftables table `inet slips_notebooks`, the
// iptables/ip6tables chain `slipsBlocking` and its jumps) and nothing else, e.g. after a run was killed
// before it could clean up. Both backends are cleared, whichever a run used. Returns the exit code.
import type { FirewallBackend } from './firewallBackend';
import { hasProgram } from './firewallBackend';
import { isPermissionError } from './firewallCommand';
import { iptablesBackend } from './iptablesBackend';
import { nftablesBackend } from './nftablesBackend';

export async function clearBlocking(
  out: (line: string) => void = (l) => process.stderr.write(`slips: ${l}\n`),
  backends: FirewallBackend[] = [nftablesBackend, iptablesBackend],
): Promise<number> {
  let failed = false;
  let removed = 0;
  for (const b of backends) {
    if (!hasProgram(b.program)) continue;
    const r = await b.clear();
    for (const what of r.removed) out(`removed ${what}`);
    removed += r.removed.length;
    if (r.failure) {
      failed = true;
      out(
        isPermissionError(r.failure)
          ? `could not clear the ${b.name} blocking: no permission to change the firewall; run slips as root`
          : `could not clear the ${b.name} blocking: ${r.failure.error}`,
      );
    }
  }
  if (!failed && removed === 0) out('no blocking rules of slips were found');
  return failed ? 1 : 0;
}
