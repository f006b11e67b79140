// Every real binetflow in the shared data: nothing lost, nothing rejected, values as in the files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnRecord } from '../../../../engine/flow';
import { Accounting } from '../../../../engine/inputs/accounting';
import { BinetflowReader } from '../../../../engine/inputs/argus/binetflowReader';
import { syntheticUid } from '../../../../engine/inputs/uid';
import { fileSource, readAll } from './readAll';

import { DATA as SHARED } from '../../../helpers/data';

const DATA = `${SHARED}/binetflow`;

function binetflows(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...binetflows(p));
    else if (name.endsWith('.binetflow')) out.push(p);
  }
  return out;
}

/** Data lines and the non-IP ones among them, counted without the reader's code. */
function countLines(path: string): { data: number; nonIp: number } {
  let data = 0;
  let nonIp = 0;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '' || line.startsWith('StartTime')) continue;
    data++;
    const proto = line.split(line.includes('\t') ? '\t' : ',')[2];
    if (proto === 'man' || proto === 'llc' || proto === 'arp') nonIp++;
  }
  return { data, nonIp };
}

async function read(path: string): Promise<{ recs: ConnRecord[]; acc: Accounting; reader: BinetflowReader }> {
  const acc = new Accounting();
  const reader = new BinetflowReader(fileSource(path), { accounting: acc });
  const recs = (await readAll(reader)) as ConnRecord[];
  return { recs, acc, reader };
}

const files = binetflows(DATA);

test('the shared data holds the ten binetflows', () => {
  assert.equal(files.length, 10);
});

for (const path of files) {
  test(`${path.slice(DATA.length + 1)}: every data line is a flow or a non-IP skip`, async () => {
    const { recs, acc } = await read(path);
    const want = countLines(path);
    assert.equal(acc.rejected, 0, JSON.stringify(acc.rejections.slice(0, 3)));
    assert.equal(acc.parsed + acc.skippedTotal, want.data);
    assert.equal(acc.skippedTotal, want.nonIp);
    for (const reason of acc.skipped.keys())
      assert.match(reason, /^argus (man record|non-IP record \((llc|arp)\))$/);
    assert.equal(recs.length, acc.parsed);
    assert.ok(acc.balanced());
    for (const r of recs) {
      assert.equal(r.kind, 'conn');
      assert.equal(r.source, 'argus');
      assert.ok(Number.isFinite(r.ts) && Number.isInteger(r.sport) && Number.isInteger(r.dport));
      assert.ok(r.dbytes >= 0 && r.dpkts >= 0);
    }
  });
}

test('test3-mixed line 2: every field as written', async () => {
  const path = join(DATA, 'slips/test3-mixed.binetflow');
  const { recs } = await read(path);
  const r = recs[0]!;
  // 2018/12/18 14:00:00.075359,0.000000,tcp,216.73.23.146,52691,   ->,147.32.81.57,445,S_,0,0,1,70,70,1,
  assert.deepEqual(r, {
    kind: 'conn',
    source: 'argus',
    ts: r.ts,
    uid: syntheticUid(path, 2),
    saddr: '216.73.23.146',
    sport: 52691,
    daddr: '147.32.81.57',
    dport: 445,
    proto: 'tcp',
    label: undefined,
    detailedLabel: undefined,
    origin: { file: path, line: 2 },
    dur: 0,
    appproto: '',
    sbytes: 70,
    dbytes: 0,
    spkts: 1,
    dpkts: 0,
    state: 'S_',
    history: '',
    smac: '',
    dmac: '',
    dir: '->',
  });
  assert.ok(Math.abs(r.ts - (Date.UTC(2018, 11, 18, 14, 0, 0) / 1000 + 0.075359)) < 1e-6);
});

test('test3-mixed line 15: IPv6 addresses', async () => {
  const { recs } = await read(join(DATA, 'slips/test3-mixed.binetflow'));
  const r = recs.find((x) => x.origin.line === 15)!;
  assert.equal(r.proto, 'ipv6-icmp');
  assert.equal(r.saddr, '6432:303a:bcc5:6cbe:dff6:baf7:289a:bcca');
  assert.equal(r.daddr, 'd61:e5ac:17fe:250a:393a:696e:666f:5f68');
  assert.equal(r.state, 'UNK');
});

test('test2 line 2: the destination side is the total minus the source side', async () => {
  // ...,CON,0,0,2,142,63,1,  (TotPkts 2, TotBytes 142, SrcBytes 63, SrcPkts 1)
  const { recs } = await read(join(DATA, 'slips/test2-malicious.binetflow'));
  const r = recs[0]!;
  assert.equal(r.origin.line, 2);
  assert.deepEqual([r.spkts, r.dpkts, r.sbytes, r.dbytes], [1, 1, 63, 79]);
  assert.equal(r.dir, '<->');
  assert.equal(r.dur, 0.027947);
});

test('2013-10-21 capture (no SrcBytes/SrcPkts columns): totals go to the destination side', async () => {
  // 2013/10/21 13:22:59.340835,3596.604980,tcp,147.32.83.53,60686,  <?>,147.32.80.88,5222,PA_PA,0,0,448,49634
  const { recs } = await read(join(DATA, 'slips-0.7.1/2013-10-21_capture-1.binetflow'));
  const r = recs[0]!;
  assert.deepEqual([r.spkts, r.dpkts, r.sbytes, r.dbytes], [0, 448, 0, 49634]);
  assert.equal(r.dir, '<?>');
  assert.equal(r.dur, 3596.60498);
});

test('test5-mixed is TAB separated; line 88 has hex ICMP ports and a label', async () => {
  // 1970/01/01 01:01:17.400949 0.000000 icmp 10.0.2.15 0x0303 -> 8.8.4.4 0x0ecc URP 0  1 173 173 1 flow=Background-ICMP
  const { recs, reader, acc } = await read(join(DATA, 'slips/test5-mixed.binetflow'));
  assert.equal(reader.format, 'binetflow-tabs');
  const r = recs.find((x) => x.origin.line === 88)!;
  assert.equal(r.proto, 'icmp');
  assert.equal(r.sport, 0x0303);
  assert.equal(r.sport & 0xff, 3, 'ICMP type');
  assert.equal(r.sport >> 8, 3, 'ICMP code');
  assert.equal(r.dport, 0x0ecc);
  assert.equal(r.state, 'URP');
  assert.equal(r.label, 'flow=Background-ICMP');
  assert.equal(r.ts, 3677.400949);
  assert.equal(acc.skipped.get('argus man record'), 1);
});

test('test11-portscan: an ICMP echo port 0x0008 reads as type 8', async () => {
  const { recs } = await read(join(DATA, 'slips/test11-portscan.binetflow'));
  const r = recs.find((x) => x.origin.line === 22)!;
  assert.equal(r.sport, 8);
  assert.equal(r.dport, 0x7208);
  assert.equal(r.state, 'ECO');
});

test('uids are deterministic and distinct', async () => {
  const path = join(DATA, 'slips/test4-malicious.binetflow');
  const a = (await read(path)).recs.map((r) => r.uid);
  const b = (await read(path)).recs.map((r) => r.uid);
  assert.deepEqual(a, b);
  assert.equal(new Set(a).size, a.length);
});
