// `slips zeek-logs`: every capture in ../shared/data dissected into Zeek logs (TSV and JSON), each log
// read back with the engine's own Zeek reader, and every field that reader fills compared with the
// record the pcap reader made. Also the headers Zeek writes, and byte-identical output run to run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FlowRecord } from '../../../engine/flow';
import { Accounting } from '../../../engine/inputs/accounting';
import { PcapReader } from '../../../engine/inputs/pcap/pcapReader';
import { LOG_SPECS } from '../../../engine/inputs/pcap/zeekLogs/zeekLogColumns';
import { ZeekLogReader } from '../../../engine/inputs/zeek/zeekLogReader';
import { runZeekLogs } from '../../../engine/cli/zeekLogs';

const ROOT = join(__dirname, '../../..');
const CLI = join(ROOT, 'bin/slips.js');
const DATA = join(ROOT, '../shared/data');

function captures(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) captures(p, out);
    else if (/\.pcap(ng)?$/.test(name) && statSync(p).size > 0) out.push(p);
  }
  return out;
}

const CAPTURES = [...captures(join(DATA, 'zeek-baselines')), ...captures(join(DATA, 'pcap'))];

async function all(reader: { batches(): AsyncIterable<FlowRecord[]> }): Promise<FlowRecord[]> {
  const out: FlowRecord[] = [];
  for await (const b of reader.batches()) out.push(...b);
  return out;
}

/**
 * Fields the Zeek reader cannot get back from a Zeek log, whatever wrote it: where the record was read,
 * the proto Zeek's application logs do not carry, the certificate validity Zeek keeps in x509.log, and an
 * x509 row's connection (x509.log has none; the reader makes a uid up from the line), and a
 * software row's uid (software.log has none either).
 */
const NOT_IN_LOG: Record<string, readonly string[]> = {
  all: ['origin'],
  http: ['proto'],
  ssl: ['proto', 'notBefore', 'notAfter'],
  ssh: ['proto'],
  weird: ['proto'],
  tunnel: ['proto'],
  x509: ['uid', 'saddr', 'sport', 'daddr', 'dport', 'proto'],
  ftp: ['proto'],
  smtp: ['proto'],
  software: ['uid'],
};

/** The record as a Zeek log states it: Zeek leaves a connection's byte counts unset when it had no duration. */
function asLogged(r: FlowRecord): Record<string, unknown> {
  const o: Record<string, unknown> = { ...r };
  if (r.kind === 'conn' && r.dur === 0) ((o.sbytes = 0), (o.dbytes = 0));
  return o;
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-6 || (a !== a && b !== b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  return a === b;
}

async function roundTrip(pcap: string, json: boolean): Promise<{ logs: number; rows: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'slips-zeeklogs-'));
  assert.equal(await runZeekLogs({ file: pcap, output: dir, json, quiet: true }), 0);
  const format = readFileSync(pcap).readUInt32LE(0) === 0x0a0d0d0a ? 'pcapng' : 'pcap';
  const original = await all(
    new PcapReader({ kind: 'file', path: pcap }, { accounting: new Accounting(), format }),
  );
  let rows = 0;
  let logs = 0;
  for (const [kind, spec] of Object.entries(LOG_SPECS)) {
    const want = original.filter((r) => r.kind === kind).map(asLogged);
    const path = join(dir, `${spec!.path}.log`);
    if (want.length === 0) {
      assert.throws(() => statSync(path), `${path} written without records`);
      continue;
    }
    const acc = new Accounting();
    const got = await all(new ZeekLogReader({ kind: 'file', path }, { accounting: acc }));
    assert.equal(acc.rejected, 0, `${path}: ${JSON.stringify(acc.rejections.slice(0, 3))}`);
    assert.equal(got.length, want.length, path);
    const skip = new Set([...NOT_IN_LOG.all!, ...(NOT_IN_LOG[kind] ?? [])]);
    got.forEach((g, i) => {
      for (const [k, v] of Object.entries(g)) {
        if (skip.has(k)) continue;
        assert.ok(
          same(v, want[i]![k]),
          `${path} row ${i + 1} ${k}: read ${JSON.stringify(v)}, made ${JSON.stringify(want[i]![k])}`,
        );
      }
    });
    rows += got.length;
    logs++;
  }
  return { logs, rows };
}

test('every shared capture: TSV logs read back by the Zeek reader give the same records', async () => {
  assert.ok(CAPTURES.length >= 25, `${CAPTURES.length} captures`);
  let rows = 0;
  for (const pcap of CAPTURES) {
    const r = await roundTrip(pcap, false);
    rows += r.rows;
  }
  assert.ok(rows > 1000, `${rows} rows`);
});

test('every shared capture: JSON logs round-trip too', async () => {
  for (const pcap of CAPTURES) await roundTrip(pcap, true);
});

test('the command line: Zeek headers from traffic time, one summary line, byte-identical reruns', () => {
  const pcap = join(DATA, 'zeek-baselines/zeek-v8.0.0/ssl-basic/tls-conn-with-extensions.pcap');
  const run = () => {
    const dir = mkdtempSync(join(tmpdir(), 'slips-zeeklogs-'));
    const r = spawnSync(process.execPath, [CLI, 'zeek-logs', '-f', pcap, '-o', dir], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stderr,
      /^slips: pcap .*: 58 packets \(58 used, 0 skipped, 0 rejected\); wrote conn\.log 1, ssl\.log 1, x509\.log 2 to /,
    );
    return dir;
  };
  const a = run();
  const b = run();
  assert.deepEqual(readdirSync(a), ['conn.log', 'ssl.log', 'x509.log']);
  for (const f of readdirSync(a))
    assert.equal(readFileSync(join(a, f), 'utf8'), readFileSync(join(b, f), 'utf8'));
  const conn = readFileSync(join(a, 'conn.log'), 'utf8').split('\n');
  assert.deepEqual(conn.slice(0, 6), [
    '#separator \\x09',
    '#set_separator\t,',
    '#empty_field\t(empty)',
    '#unset_field\t-',
    '#path\tconn',
    '#open\t2012-04-27-14-53-12',
  ]);
  assert.match(
    conn[6]!,
    /^#fields\tts\tuid\tid\.orig_h\tid\.orig_p\tid\.resp_h\tid\.resp_p\tproto\tservice\tduration\t/,
  );
  assert.match(conn[7]!, /^#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\t/);
  // The row as Zeek 8 logs this connection (its btest baseline for the same pcap), MACs appended.
  assert.match(
    conn[8]!,
    /^1335538392\.299605\t\S+\t192\.168\.1\.105\t62045\t74\.125\.224\.79\t443\ttcp\tssl\t3\.926455\t952\t18359\tS1\tF\tF\t0\tShADad\t31\t2576\t27\t19771\t-\t6\t/,
  );
  assert.equal(conn[9], '#close\t2012-04-27-14-53-12');

  const jdir = mkdtempSync(join(tmpdir(), 'slips-zeeklogs-'));
  const j = spawnSync(process.execPath, [CLI, 'zeek-logs', '-f', pcap, '-o', jdir, '--json', '-q'], {
    encoding: 'utf8',
  });
  assert.equal(j.status, 0, j.stderr);
  assert.equal(j.stderr, '');
  const row = JSON.parse(readFileSync(join(jdir, 'conn.log'), 'utf8').split('\n')[0]!);
  assert.equal(row['id.orig_h'], '192.168.1.105');
  assert.equal(row.orig_pkts, 31);
  assert.equal(row.local_orig, false);
  assert.equal('tunnel_parents' in row, false);
});

test('a file that is not a capture: one sentence, exit 2', () => {
  const r = spawnSync(
    process.execPath,
    [
      CLI,
      'zeek-logs',
      '-f',
      join(ROOT, 'samples/test4-malicious.binetflow'),
      '-o',
      mkdtempSync(join(tmpdir(), 'z-')),
    ],
    { encoding: 'utf8' },
  );
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^slips: .*test4-malicious\.binetflow is binetflow, not a pcap or pcapng capture/);
});
