// Compares conn records read from a pcap with the conn.log Zeek wrote for the same pcap: rows matched by
// 5-tuple (timestamps and uids in the btest baselines are masked), then field by field.
import { readFileSync } from 'node:fs';
import { Accounting } from '../../../../engine/inputs/accounting';
import type { PacketConnRecord } from '../../../../engine/inputs/pcap/connection';
import { PcapReader } from '../../../../engine/inputs/pcap/pcapReader';
import type { FlowRecord } from '../../../../engine/flow';

export interface ZeekConnRow {
  key: string;
  fields: Record<string, string>;
}

/** The compared columns: the acceptance fields first, then the informative ones. */
export const ACCEPTANCE_FIELDS = [
  'proto',
  'conn_state',
  'history',
  'orig_pkts',
  'resp_pkts',
  'orig_bytes',
  'resp_bytes',
] as const;
export const EXTRA_FIELDS = [
  'orig_ip_bytes',
  'resp_ip_bytes',
  'missed_bytes',
  'duration',
  'service',
] as const;

/** Rows of a Zeek TSV conn.log (btest baselines included: their first line is a comment too). */
export function readConnLog(path: string): ZeekConnRow[] {
  let names: string[] = [];
  const rows: ZeekConnRow[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('#fields')) names = line.split('\t').slice(1);
    if (line.length === 0 || line.startsWith('#')) continue;
    const cells = line.split('\t');
    const f: Record<string, string> = {};
    names.forEach((n, i) => (f[n] = cells[i] ?? ''));
    rows.push({
      key: tupleKey(f['id.orig_h']!, f['id.orig_p']!, f['id.resp_h']!, f['id.resp_p']!, f.proto!, f.ip_proto),
      fields: f,
    });
  }
  return rows;
}

function tupleKey(
  oh: string,
  op: string,
  rh: string,
  rp: string,
  proto: string,
  ipProto: string | undefined,
): string {
  const p = proto === 'unknown_transport' ? `ip${ipProto ?? '?'}` : proto;
  return `${oh} ${op} ${rh} ${rp} ${p}`;
}

/** The same columns as Zeek would write them for one of our records. */
export function asZeek(r: PacketConnRecord): Record<string, string> {
  const logged = r.dur > 0;
  return {
    proto: r.proto === '' ? 'unknown_transport' : r.proto,
    conn_state: r.state,
    history: r.history === '' ? '-' : r.history,
    orig_pkts: String(r.spkts),
    resp_pkts: String(r.dpkts),
    orig_bytes: logged ? String(r.sbytes) : '-',
    resp_bytes: logged ? String(r.dbytes) : '-',
    orig_ip_bytes: String(r.origIpBytes),
    resp_ip_bytes: String(r.respIpBytes),
    missed_bytes: String(r.missedBytes),
    duration: logged ? r.dur.toFixed(6) : '-',
    service: r.appproto === '' ? '-' : r.appproto,
  };
}

export function recordKey(r: PacketConnRecord): string {
  return tupleKey(
    r.saddr,
    String(r.sport),
    r.daddr,
    String(r.dport),
    r.proto === '' ? 'unknown_transport' : r.proto,
    String(r.ipProto),
  );
}

export async function readPcap(
  path: string,
  opts: { tcpInactivity?: number } = {},
): Promise<{ records: FlowRecord[]; acc: Accounting }> {
  const acc = new Accounting();
  const format = readFileSync(path).readUInt32LE(0) === 0x0a0d0d0a ? 'pcapng' : 'pcap';
  const reader = new PcapReader({ kind: 'file', path }, { accounting: acc, format, ...opts });
  const records: FlowRecord[] = [];
  for await (const batch of reader.batches()) records.push(...batch);
  return { records, acc };
}

export interface MatchResult {
  expected: number;
  found: number;
  /** Per field: rows (among found) with an identical value. */
  same: Record<string, number>;
  /** Rows found whose acceptance fields are all identical. */
  allSame: number;
  mismatches: string[];
}

/** Matches rows by 5-tuple; several rows with one tuple are paired in order of appearance. */
export function compare(
  expected: ZeekConnRow[],
  ours: PacketConnRecord[],
  fields: readonly string[],
): MatchResult {
  const byKey = new Map<string, PacketConnRecord[]>();
  for (const r of [...ours].sort((a, b) => a.ts - b.ts)) {
    const k = recordKey(r);
    const list = byKey.get(k);
    if (list) list.push(r);
    else byKey.set(k, [r]);
  }
  const same: Record<string, number> = Object.fromEntries(fields.map((f) => [f, 0]));
  let found = 0;
  let allSame = 0;
  const mismatches: string[] = [];
  for (const row of expected) {
    const r = byKey.get(row.key)?.shift();
    if (r === undefined) {
      mismatches.push(`missing: ${row.key} ${row.fields.history}`);
      continue;
    }
    found++;
    const z = asZeek(r);
    let ok = true;
    const diffs: string[] = [];
    for (const f of fields) {
      const exp = row.fields[f] ?? '';
      const got =
        f === 'duration' && exp !== '-' && z[f] !== '-'
          ? Math.abs(Number(exp) - Number(z[f])) < 2e-6
            ? exp
            : z[f]
          : z[f];
      if (got === exp) same[f]!++;
      else {
        diffs.push(`${f}: zeek ${exp} ours ${got}`);
        if ((ACCEPTANCE_FIELDS as readonly string[]).includes(f)) ok = false;
      }
    }
    if (ok) allSame++;
    if (diffs.length > 0) mismatches.push(`${row.key}: ${diffs.join(', ')}`);
  }
  return { expected: expected.length, found, same, allSame, mismatches };
}
