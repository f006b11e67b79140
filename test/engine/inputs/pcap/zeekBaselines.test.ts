// Acceptance against Zeek's own conn.log for the same pcaps (../shared/data/zeek-baselines): rows matched
// by 5-tuple, the share with identical proto, conn_state, history, packets and bytes must reach the
// threshold; the per-pcap, per-field table is printed. Thresholds are what this reader reaches today.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PacketConnRecord } from '../../../../engine/inputs/pcap/connection';
import { DATA } from '../../../helpers/data';
import {
  ACCEPTANCE_FIELDS,
  compare,
  EXTRA_FIELDS,
  readConnLog,
  readPcap,
  type MatchResult,
} from './connBaseline';

const BASELINES = join(DATA, 'zeek-baselines');
const FIELDS = [...ACCEPTANCE_FIELDS, ...EXTRA_FIELDS];

/**
 * Measured: 161 of 163 btest rows identical. The two others need what is not built yet: Zeek flips
 * `flip-without-syn` after its HTTP analyzer finds requests coming from the responder (content-based),
 * and the GridFTP policy script stops counting a data channel early (`gridftp`).
 */
const BTEST_THRESHOLD = 0.987;
/** Measured: all 610 rows identical (Zeek's default timeouts), durations included. */
const TEST7_DEFAULT_THRESHOLD = 1;
/**
 * Measured: 252 of 374. That log was made with settings (besides the 60-minute TCP timeout) that keep
 * retransmitted SYNs in one connection past Zeek's 5 s attempt timer; they are not known, so the
 * unanswered-SYN connections (5 packets there, 3 + 1 + 1 here, as in the default-settings log) differ.
 */
const TEST7_60M_THRESHOLD = 0.67;

function table(name: string, m: MatchResult): string {
  const pct = (x: number) => (m.found === 0 ? '-' : `${((100 * x) / m.found).toFixed(1)}%`);
  return (
    `${name}: ${m.found}/${m.expected} rows found, ${m.allSame} identical on the acceptance fields\n` +
    FIELDS.map((f) => `    ${f.padEnd(14)} ${pct(m.same[f]!)}`).join('\n')
  );
}

function conns(records: { kind: string }[]): PacketConnRecord[] {
  return records.filter((r) => r.kind === 'conn') as PacketConnRecord[];
}

test('Zeek btest baselines: conn.log rows reproduced from the pcaps', async () => {
  let expected = 0;
  let identical = 0;
  const lines: string[] = [];
  for (const version of ['zeek-v8.0.0', 'zeek-head-9.1.0-dev']) {
    for (const name of readdirSync(join(BASELINES, version)).sort()) {
      const dir = join(BASELINES, version, name);
      const log = join(dir, 'conn.log');
      if (!existsSync(log)) continue;
      const pcap = readdirSync(dir).find((f) => /\.pcap(ng)?$/.test(f))!;
      // The btests run Zeek with its default 5-minute TCP inactivity timeout.
      const { records, acc } = await readPcap(join(dir, pcap), { tcpInactivity: 300 });
      assert.equal(acc.rejected, 0, `${name}: ${JSON.stringify(acc.rejections.slice(0, 3))}`);
      const m = compare(readConnLog(log), conns(records), FIELDS);
      expected += m.expected;
      identical += m.allSame;
      lines.push(table(`${version}/${name}`, m));
      if (m.allSame < m.expected) lines.push(...m.mismatches.map((x) => `      ${x}`));
    }
  }
  console.log(lines.join('\n'));
  console.log(
    `btest baselines: ${identical}/${expected} = ${((100 * identical) / expected).toFixed(2)}% identical`,
  );
  assert.ok(identical / expected >= BTEST_THRESHOLD, `${identical}/${expected}`);
});

test('stratosphere-test7: the pcap against its real conn.logs, timestamps and durations included', async () => {
  const dir = join(BASELINES, 'stratosphere-test7');
  const cases: [string, number, number][] = [
    ['conn.default-params.log.labeled', 300, TEST7_DEFAULT_THRESHOLD],
    ['conn.inactivity60m.log.labeled', 3600, TEST7_60M_THRESHOLD],
  ];
  for (const [log, tcpInactivity, threshold] of cases) {
    const { records } = await readPcap(join(dir, 'test7-malicious.pcap'), { tcpInactivity });
    const ours = conns(records);
    const rows = readConnLog(join(dir, log));
    const m = compare(rows, ours, FIELDS);
    // Real timestamps here: the start of each matched connection must agree to the microsecond.
    const starts = new Map<string, number[]>();
    for (const r of rows) starts.set(r.key, [...(starts.get(r.key) ?? []), Number(r.fields.ts)]);
    let sameTs = 0;
    for (const r of ours) {
      const key = `${r.saddr} ${r.sport} ${r.daddr} ${r.dport} ${r.proto === '' ? `ip${r.ipProto}` : r.proto}`;
      if ((starts.get(key) ?? []).some((t) => Math.abs(t - r.ts) < 1e-6)) sameTs++;
    }
    console.log(
      table(`stratosphere-test7 ${log}`, m) + `\n    ts (start)     ${sameTs} of ours on a Zeek start time`,
    );
    assert.ok(m.allSame / m.expected >= threshold, `${log}: ${m.allSame}/${m.expected}`);
    if (threshold === 1) assert.equal(sameTs, m.expected);
  }
});
