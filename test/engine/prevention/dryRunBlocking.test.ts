// `--dry-run-blocking` on a real capture (test12-icmp-portscan.pcap: 192.168.1.109 sweeps 15 hosts with
// ICMP): blocking.log gets the block with its traffic-time end and reason, the exact commands that would
// run, and the end-of-analysis unblock; nothing is marked blocked in alerts.log. Needs no privilege.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA } from '../../helpers/data';

const CLI = join(__dirname, '../../../bin/slips.js');
const PCAP = join(DATA, 'pcap/slips/test12-icmp-portscan.pcap');

function dryRun(...extra: string[]): { log: string; alerts: string } {
  const out = join(mkdtempSync(join(tmpdir(), 'slips-dry-')), 'o');
  const r = spawnSync(
    process.execPath,
    [CLI, '-f', PCAP, '-o', out, '-w', '60', '-q', '--dry-run-blocking', ...extra],
    {
      encoding: 'utf8',
    },
  );
  assert.equal(r.status, 0, r.stderr);
  return {
    log: readFileSync(join(out, 'blocking.log'), 'utf8'),
    alerts: readFileSync(join(out, 'alerts.log'), 'utf8'),
  };
}

test('--dry-run-blocking with nftables: block, keep, commands and unblock in traffic time', () => {
  const { log, alerts } = dryRun('--firewall', 'nftables');
  const lines = log.trimEnd().split('\n');
  assert.match(
    lines[0]!,
    /^- command nft -f - <<< \$'add table inet slips_notebooks\\ndelete table inet slips_notebooks\\n/,
  );
  assert.match(
    lines[1]!,
    /^2022-09-24T21:23:17\.940Z block 192\.168\.1\.109 until 2022-09-24T21:25:16\.398Z \(alert in timewindow 1, accumulated threat level \d+\.\d\d; last evidence: ICMP scanning/,
  );
  assert.equal(
    lines[2],
    "2022-09-24T21:23:17.940Z command nft -f - <<< $'add element inet slips_notebooks blocked4 { 192.168.1.109 }'",
  );
  assert.ok(
    lines
      .slice(3, -2)
      .every((l) =>
        / keep 192\.168\.1\.109 until 2022-09-24T21:25:16\.398Z \(another alert in the same window: /.test(l),
      ),
    log,
  );
  assert.equal(lines.at(-2), '2022-09-24T21:23:17.940Z unblock 192.168.1.109 (end of the analysis)');
  assert.equal(
    lines.at(-1),
    "2022-09-24T21:23:17.940Z command nft -f - <<< $'delete element inet slips_notebooks blocked4 { 192.168.1.109 }'",
  );
  assert.doesNotMatch(alerts, /Is blocked/);
  assert.match(alerts, /Src IP 192\.168\.1\.109 +\. Generated an alert given enough evidence/);
});

test('--dry-run-blocking with iptables: the two DROP rules per address', () => {
  const { log } = dryRun('--firewall', 'iptables');
  assert.match(log, /^- command iptables -w -N slipsBlocking$/m);
  assert.match(log, /^- command ip6tables -w -I FORWARD 1 -j slipsBlocking$/m);
  assert.match(
    log,
    /^\S+ command iptables -w -I slipsBlocking -s 192\.168\.1\.109 -m comment --comment 'Slips rule' -j DROP$/m,
  );
  assert.match(
    log,
    /^\S+ command iptables -w -D slipsBlocking -d 192\.168\.1\.109 -m comment --comment 'Slips rule' -j DROP$/m,
  );
});
