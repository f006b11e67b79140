// Acceptance against Zeek's own application logs for the same pcaps (../shared/data/zeek-baselines): dns,
// http, ssl, x509, ssh, dhcp, ftp, smtp and files rows matched by key (appBaseline.ts); the per-log,
// per-field table is printed and the share of rows found with all key fields identical must reach the
// measured threshold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DATA } from '../../../helpers/data';
import { compareLog, readZeekLog, SPECS, type LogMatch } from './appBaseline';
import { readPcap } from './connBaseline';

const BASELINES = join(DATA, 'zeek-baselines');

/**
 * Measured, rows with every key field identical over all rows Zeek wrote. What is missing needs what is
 * not built: TLS inside GridFTP's GSSAPI exchange (the GridFTP control channel: 1 ssl and 5 x509 rows)
 * and QUIC (quic-merlin-c2: 1 ssl row); TLS after FTP's AUTH TLS is read. http-on-port-22 counts a body
 * 2 bytes shorter than Zeek (not explained yet). dns-txt-multiple's one row differs: Zeek leaves its
 * query type, class and RD unset although the query is in the capture. ftp-auth-tls: Zeek 8 also logs
 * the greeting (`<init>`) of a session that switched to TLS; we log only its AUTH.
 */
const THRESHOLDS: Record<string, number> = {
  'dns.log': 38 / 39,
  'http.log': 16 / 17,
  'ssl.log': 4 / 6,
  'x509.log': 12 / 17,
  'ssh.log': 23 / 23,
  'dhcp.log': 1,
  'ftp.log': 37 / 38,
  'smtp.log': 1,
  'files.log': 1,
};

test('Zeek btest baselines: dns, http, ssl, x509, ssh, dhcp, ftp, smtp and files logs reproduced from the pcaps', async () => {
  const total = new Map<string, { m: LogMatch; fields: string[] }>();
  const lines: string[] = [];
  for (const version of ['zeek-v8.0.0', 'zeek-head-9.1.0-dev']) {
    for (const name of readdirSync(join(BASELINES, version)).sort()) {
      const dir = join(BASELINES, version, name);
      const specs = SPECS.filter((s) => existsSync(join(dir, s.log)));
      if (specs.length === 0) continue;
      const pcap = readdirSync(dir).find((f) => /\.pcap(ng)?$/.test(f))!;
      const { records, acc } = await readPcap(join(dir, pcap), { tcpInactivity: 300 });
      assert.equal(acc.rejected, 0, name);
      for (const spec of specs) {
        const m = compareLog(spec, readZeekLog(join(dir, spec.log)), records);
        lines.push(`${version}/${name}/${spec.log}: ${m.found}/${m.expected} found, ${m.allSame} identical`);
        lines.push(...m.mismatches.map((x) => `      ${x}`));
        const t = total.get(spec.log);
        if (t === undefined) total.set(spec.log, { m, fields: [...spec.key, ...spec.extra] });
        else {
          t.m.expected += m.expected;
          t.m.found += m.found;
          t.m.allSame += m.allSame;
          for (const f of t.fields) t.m.same[f]! += m.same[f]!;
        }
      }
    }
  }
  console.log(lines.join('\n'));
  for (const spec of SPECS) {
    const t = total.get(spec.log)!;
    const pct = (x: number) => (t.m.found === 0 ? '-' : `${((100 * x) / t.m.found).toFixed(1)}%`);
    console.log(
      `${spec.log}: ${t.m.found}/${t.m.expected} rows found, ${t.m.allSame} identical on the key fields\n` +
        t.fields
          .map((f) => `    ${f.padEnd(30)} ${pct(t.m.same[f]!)}${spec.key.includes(f) ? ' (key)' : ''}`)
          .join('\n'),
    );
  }
  for (const spec of SPECS) {
    const { m } = total.get(spec.log)!;
    assert.ok(
      m.allSame / m.expected >= THRESHOLDS[spec.log]! - 1e-9,
      `${spec.log}: ${m.allSame}/${m.expected}`,
    );
  }
});
