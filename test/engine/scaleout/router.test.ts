// Who gets which record: the profile owners' partitions, knowledge records everywhere, each record counted
// once; and the compact batch form gives back exactly the records the reader made.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnRecord, DnsRecord, FlowRecord } from '../../../engine/flow';
import { partitionOf, profileIps } from '../../../engine/scaleout/partition';
import { decodeBatch, encodeBatch } from '../../../engine/scaleout/recordCodec';
import { Router } from '../../../engine/scaleout/router';

function conn(saddr: string, daddr: string, ts: number, extra: Partial<ConnRecord> = {}): ConnRecord {
  return {
    kind: 'conn',
    source: 'zeek',
    ts,
    uid: `C${ts}`,
    saddr,
    sport: 40000,
    daddr,
    dport: 443,
    proto: 'tcp',
    origin: { file: 'conn.log', line: ts },
    dur: 1.5,
    appproto: 'ssl',
    sbytes: 10,
    dbytes: 20,
    spkts: 1,
    dpkts: 1,
    state: 'SF',
    history: 'ShADadFf',
    smac: '',
    dmac: '',
    dir: '->',
    ...extra,
  };
}

function dns(saddr: string, ts: number): DnsRecord {
  return {
    kind: 'dns',
    ts,
    uid: `D${ts}`,
    saddr,
    sport: 5353,
    daddr: '8.8.8.8',
    dport: 53,
    proto: 'udp',
    origin: { file: 'dns.log', line: ts },
    query: 'example.com',
    qclassName: 'C_INTERNET',
    qtypeName: 'A',
    rcodeName: 'NOERROR',
    answers: ['93.184.216.34'],
    ttls: [300],
  };
}

/** Two public addresses that fall in different partitions of 3. */
function twoPartitions(): [string, string] {
  const a = '8.8.4.4';
  for (let i = 1; i < 255; i++) {
    const b = `1.1.1.${i}`;
    if (partitionOf(b, 3) !== partitionOf(a, 3)) return [a, b];
  }
  throw new Error('no two partitions');
}

test('partitionOf is stable and spreads addresses over every partition', () => {
  const seen = new Set<number>();
  for (let i = 0; i < 64; i++) seen.add(partitionOf(`10.0.0.${i}`, 3));
  assert.deepEqual([...seen].sort(), [0, 1, 2]);
  assert.equal(partitionOf('10.0.0.7', 3), partitionOf('10.0.0.7', 3));
});

test('direction out: a record goes to its source partition only; all: to the destination too, counted once', () => {
  const [a, b] = twoPartitions();
  const rec = conn(a, b, 100);
  assert.deepEqual(profileIps(rec, 'out'), [a]);
  assert.deepEqual(profileIps(rec, 'all'), [a, b]);

  const out = new Router(3, 'out', ['10.0.0.0/8']).split([rec]);
  assert.deepEqual(
    [0, 1, 2].map((k) => out[k]?.records.length ?? 0),
    [0, 1, 2].map((k) => (k === partitionOf(a, 3) ? 1 : 0)),
  );

  const router = new Router(3, 'all', ['10.0.0.0/8']);
  const all = router.split([rec]);
  const pa = partitionOf(a, 3);
  const pb = partitionOf(b, 3);
  assert.deepEqual(all[pa]!.shared, [], 'the source partition counts it');
  assert.deepEqual(all[pb]!.shared, [0], 'the destination partition has it for its profile only');
  assert.equal(
    router.counted.reduce((x, y) => x + y, 0),
    1,
  );
});

test('DNS records and the first private source go to every partition; batches carry the input clock', () => {
  const router = new Router(3, 'out', []);
  const batch: FlowRecord[] = [
    conn('8.8.4.4', '1.1.1.1', 50),
    conn('192.168.1.5', '1.1.1.1', 60),
    dns('192.168.1.9', 70),
  ];
  const parts = router.split(batch);
  for (const p of parts) {
    assert.ok(p, 'every partition gets the private source and the DNS record');
    assert.ok(p.records.some((r) => r.kind === 'dns'));
    assert.ok(p.records.some((r) => r.saddr === '192.168.1.5'));
    assert.equal(p.origin, 50);
    assert.equal(p.before, -Infinity);
    assert.equal(p.after, 70);
  }
  assert.equal(
    router.counted.reduce((x, y) => x + y, 0),
    3,
  );
  // The local network is learnt once: a later private source is an ordinary record.
  const later = router.split([conn('192.168.1.6', '1.1.1.1', 80)]);
  assert.equal(later.filter(Boolean).length, 1);
  assert.equal(later.find(Boolean)!.before, 70);
});

test('the compact form gives back the records exactly (NaN, infinities, absent keys, origins)', () => {
  const recs: FlowRecord[] = [
    conn('10.0.0.1', '1.1.1.1', 1, { dur: NaN, label: undefined }),
    conn('10.0.0.2', '1.1.1.2', 2, { sbytes: Infinity, detailedLabel: 'x' }),
    dns('10.0.0.3', 3),
  ];
  const back = decodeBatch(
    encodeBatch({ origin: 1, before: -Infinity, after: 3, records: recs, shared: [2] }),
  );
  assert.equal(back.before, -Infinity);
  assert.equal(back.after, 3);
  assert.deepEqual(back.shared, [2]);
  assert.ok(Number.isNaN((back.records[0] as ConnRecord).dur));
  assert.equal((back.records[1] as ConnRecord).sbytes, Infinity);
  assert.deepEqual(back.records[2], recs[2]);
  const { dur: _d, label: _l, ...rest } = recs[0] as ConnRecord;
  const { dur: _d2, ...restBack } = back.records[0] as ConnRecord;
  assert.deepEqual(restBack, rest);
  assert.throws(() => decodeBatch('{"nope":1}'), /not a batch/);
});
