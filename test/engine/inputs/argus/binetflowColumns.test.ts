// Headers: exact names first (quirk Q18), upstream's substring fallback, mid-file headers, no header.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnRecord } from '../../../../engine/flow';
import { Accounting } from '../../../../engine/inputs/accounting';
import { BinetflowReader } from '../../../../engine/inputs/argus/binetflowReader';
import { memory, readAll } from './readAll';

async function read(text: string): Promise<{ recs: ConnRecord[]; acc: Accounting; reader: BinetflowReader }> {
  const acc = new Accounting();
  const reader = new BinetflowReader(memory(text), { accounting: acc });
  const recs = (await readAll(reader)) as ConnRecord[];
  assert.ok(acc.balanced());
  return { recs, acc, reader };
}

const T0 = Date.UTC(2019, 3, 4, 16, 23, 0) / 1000;

test('an EndTime column before StartTime is the end, not the start (Q18)', async () => {
  const { recs, acc } = await read(
    'EndTime,StartTime,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,TotPkts,TotBytes,SrcBytes\n' +
      '2019/04/04 16:23:10,2019/04/04 16:23:00,tcp,10.0.0.1,1234,   ->,10.0.0.2,80,FSPA_FSPA,10,1000,400\n',
  );
  assert.equal(acc.rejected, 0);
  assert.equal(recs[0]!.ts, T0);
  assert.equal(recs[0]!.dur, 10, 'no Dur column: end - start');
});

test('titles that are not Argus own fall back to upstream substring rules', async () => {
  const { recs } = await read(
    'FirstTime,Duration,Protocol,SrcAddress,Sport,Direction,DstAddress,Dport,ConnState,TotPkts,TotBytes,SrcBytes,SrcPkts\n' +
      '2019/04/04 16:23:00,1.5,udp,10.0.0.1,53000,  <->,8.8.8.8,53,CON,2,150,60,1\n',
  );
  const r = recs[0]!;
  assert.deepEqual(
    [
      r.ts,
      r.dur,
      r.proto,
      r.saddr,
      r.sport,
      r.dir,
      r.daddr,
      r.dport,
      r.state,
      r.spkts,
      r.dpkts,
      r.sbytes,
      r.dbytes,
    ],
    [T0, 1.5, 'udp', '10.0.0.1', 53000, '<->', '8.8.8.8', 53, 'CON', 1, 1, 60, 90],
  );
});

test('header names are matched case-insensitively; DstBytes/DstPkts/appproto/Label are read when present', async () => {
  const { recs } = await read(
    'starttime,dur,proto,srcaddr,sport,dir,dstaddr,dport,state,totpkts,totbytes,srcbytes,dstbytes,srcpkts,dstpkts,appproto,label\n' +
      '2019/04/04 16:23:00,0,tcp,10.0.0.1,1,->,10.0.0.2,2,CON,9,900,100,700,3,5,http,flow=x\n',
  );
  const r = recs[0]!;
  assert.deepEqual(
    [r.spkts, r.dpkts, r.sbytes, r.dbytes, r.appproto, r.label],
    [3, 5, 100, 700, 'http', 'flow=x'],
  );
});

test('the destination side is never negative', async () => {
  const { recs } = await read(
    'StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,TotPkts,TotBytes,SrcBytes,SrcPkts\n' +
      '2019/04/04 16:23:00,0,tcp,10.0.0.1,1,->,10.0.0.2,2,CON,1,50,60,2\n',
  );
  assert.deepEqual([recs[0]!.dpkts, recs[0]!.dbytes], [0, 0]);
});

test('a header re-appearing mid-file redefines the columns', async () => {
  const { recs, acc } = await read(
    'StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,TotPkts,TotBytes,SrcBytes\n' +
      '2019/04/04 16:23:00,0,tcp,10.0.0.1,1,->,10.0.0.2,2,CON,1,60,60\n' +
      'StartTime\tProto\tDstAddr\tDport\tSrcAddr\tSport\tDir\tState\tTotPkts\tTotBytes\n' +
      '2019/04/04 16:23:00\tudp\t10.0.0.9\t53\t10.0.0.8\t999\t<->\tCON\t2\t100\n',
  );
  assert.equal(acc.parsed, 2);
  assert.equal(acc.rejected, 0);
  const r = recs[1]!;
  assert.deepEqual(
    [r.proto, r.saddr, r.sport, r.daddr, r.dport, r.dir, r.dbytes],
    ['udp', '10.0.0.8', 999, '10.0.0.9', 53, '<->', 100],
  );
  assert.equal(r.origin.line, 4);
});

test("lines before any header use upstream's fixed stdin indices", async () => {
  const { recs, acc, reader } = await read(
    '2019/04/04 16:23:00.5,2.5,tcp,10.8.0.69,56101,   ->,14.1.11.113,999,S0,0,0,31,8764,1887,15\n',
  );
  assert.equal(acc.rejected, 0);
  const r = recs[0]!;
  assert.deepEqual(
    [
      r.ts,
      r.dur,
      r.proto,
      r.saddr,
      r.sport,
      r.dir,
      r.daddr,
      r.dport,
      r.state,
      r.spkts,
      r.dpkts,
      r.sbytes,
      r.dbytes,
    ],
    [T0 + 0.5, 2.5, 'tcp', '10.8.0.69', 56101, '->', '14.1.11.113', 999, 'S0', 15, 16, 1887, 6877],
  );
  assert.equal(reader.format, 'binetflow');
});

test('a header without the address columns rejects the lines under it, with the reason', async () => {
  const { acc } = await read(
    'StartTime,Dur,Proto,Sport,Dport,State,TotPkts,TotBytes\n2019/04/04 16:23:00,0,tcp,1,2,CON,1,60\n',
  );
  assert.equal(acc.rejected, 1);
  assert.match(acc.rejections[0]!.reason, /the header at line 1 has no SrcAddr\/DstAddr column/);
});

test('epoch-second start times are read as such', async () => {
  const { recs } = await read(
    'StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,TotPkts,TotBytes\n1554394980.25,0,tcp,10.0.0.1,1,->,10.0.0.2,2,CON,1,60\n',
  );
  assert.equal(recs[0]!.ts, 1554394980.25);
});
