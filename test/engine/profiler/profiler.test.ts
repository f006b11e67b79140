import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Profiler } from '../../../engine/profiler/profiler';
import { TimeWindowGrid } from '../../../engine/profiler/timeWindows';
import { MemoryStore } from '../../../engine/store/memoryStore';
import type { TimeWindow } from '../../../engine/profiler/types';
import { windowBehaviour } from '../../../engine/profiler/windowBehaviour';
import { conn, dns } from '../../helpers/records';

function setup(direction: 'out' | 'all' = 'out', width = 3600) {
  const store = new MemoryStore();
  const profiler = new Profiler(store, new TimeWindowGrid(width), direction);
  const closed: TimeWindow[] = [];
  profiler.listen({ onWindowClosed: (tw) => closed.push({ ...tw, detail: { ...tw.detail! } }) });
  return { store, profiler, closed };
}

test('direction out: only sources get profiles; features land in the source window', () => {
  const { store, profiler } = setup('out');
  profiler.add(
    conn({
      ts: 1000,
      saddr: '10.0.0.1',
      daddr: '1.1.1.1',
      dport: 443,
      spkts: 3,
      dpkts: 2,
      sbytes: 100,
      dbytes: 900,
      state: 'SF',
    }),
  );
  profiler.add(
    conn({
      ts: 1001,
      saddr: '10.0.0.1',
      daddr: '1.1.1.1',
      dport: 443,
      spkts: 1,
      dpkts: 1,
      sbytes: 10,
      dbytes: 10,
      state: 'SF',
    }),
  );
  assert.equal(store.profileCount, 1);
  const tw = store.getProfile('10.0.0.1')!.windows.get(1)!;
  assert.equal(tw.summary.flows, 2);
  assert.equal(windowBehaviour(tw)!.dstIps.get('1.1.1.1'), 2);
  const f = windowBehaviour(tw)!.features.get('Client|TCP|Established')!;
  assert.deepEqual(
    {
      flows: f.peers.get('1.1.1.1')!.flows,
      pkts: f.peers.get('1.1.1.1')!.pkts,
      bytes: f.peers.get('1.1.1.1')!.bytes,
    },
    { flows: 2, pkts: 7, bytes: 1020 },
  );
  assert.equal(f.dstPorts.get(443)!.ips.get('1.1.1.1'), 7);
  // 1000 bytes in 0 s: medium size, short → '4'; then 20 bytes 1 s later: small, short, gap ≤ 5 s → '1.'
  assert.equal(windowBehaviour(tw)!.outTuples.get('1.1.1.1-443-tcp')!.letters, '41.');
});

test('behaviour asked for between flows equals behaviour folded once at the end', () => {
  const flows = [0, 1, 2, 30, 31, 400].map((dt, i) =>
    conn({ ts: 1000 + dt, daddr: i % 2 ? '1.1.1.1' : '8.8.8.8', dport: 443, sbytes: 100 * i, state: 'SF' }),
  );
  const once = setup();
  for (const f of flows) once.profiler.add(f);
  const stepwise = setup();
  const letters: string[] = [];
  for (const f of flows) {
    stepwise.profiler.add(f);
    const tw = stepwise.store.getProfile('10.0.0.1')!.windows.get(1)!;
    letters.push(windowBehaviour(tw)!.outTuples.get('1.1.1.1-443-tcp')?.letters ?? '');
  }
  const a = windowBehaviour(once.store.getProfile('10.0.0.1')!.windows.get(1)!)!;
  const b = windowBehaviour(stepwise.store.getProfile('10.0.0.1')!.windows.get(1)!)!;
  assert.deepEqual(b, a);
  assert.equal(letters.at(-1), a.outTuples.get('1.1.1.1-443-tcp')!.letters);
  assert.equal(a.folded, 6);
});

test('direction all: the destination gets a profile with Server features and in-tuples', () => {
  const { store, profiler } = setup('all');
  profiler.add(conn({ ts: 1000, saddr: '10.0.0.1', daddr: '10.0.0.9', dport: 22, state: 'S0' }));
  assert.equal(store.profileCount, 2);
  const tw = store.getProfile('10.0.0.9')!.windows.get(1)!;
  assert.equal(windowBehaviour(tw)!.srcIps.get('10.0.0.1'), 1);
  assert.ok(windowBehaviour(tw)!.features.get('Server|TCP|NotEstablished')!.peers.has('10.0.0.1'));
  assert.ok(windowBehaviour(tw)!.inTuples.has('10.0.0.1-22-tcp'));
});

test('scan counters: not-established TCP to many ports and hosts, multicast ignored, flipped history not horizontal', () => {
  const { store, profiler } = setup();
  for (let p = 1; p <= 12; p++) profiler.add(conn({ ts: 1000 + p, daddr: '10.0.0.50', dport: p, spkts: 2 }));
  for (let h = 1; h <= 7; h++)
    profiler.add(conn({ ts: 1100 + h, daddr: `10.0.1.${h}`, dport: 23, spkts: 1 }));
  profiler.add(conn({ ts: 1200, daddr: '10.0.1.99', dport: 23, history: '^hA' }));
  profiler.add(conn({ ts: 1201, daddr: '224.0.0.251', dport: 5353, proto: 'udp' }));
  profiler.add(conn({ ts: 1202, daddr: '10.0.0.50', dport: 80, state: 'SF' }));
  const tw = store.getProfile('10.0.0.1')!.windows.get(1)!;
  const v = tw.detail!.scans.tcp!.vertical.get('10.0.0.50')!;
  assert.equal(v.ports.size, 12);
  assert.equal(v.srcPkts, 24);
  assert.equal(v.firstSeen, 1001);
  assert.equal(tw.detail!.scans.tcp!.horizontal.get(23)!.ips.size, 7);
  assert.ok(tw.detail!.scans.tcp!.vertical.has('10.0.1.99'));
  assert.equal(tw.detail!.scans.udp, undefined);
});

test('windows close in traffic time once the newest flow is a full width past their last change', () => {
  const { store, profiler, closed } = setup('out', 60);
  profiler.add(conn({ ts: 1000, saddr: '10.0.0.1' }));
  profiler.add(conn({ ts: 1030, saddr: '10.0.0.2' }));
  profiler.advance();
  assert.equal(closed.length, 0);
  profiler.add(conn({ ts: 1060, saddr: '10.0.0.3' }));
  profiler.advance();
  assert.deepEqual(
    closed.map((t) => t.profileIp),
    ['10.0.0.1'],
  );
  profiler.add(conn({ ts: 1095, saddr: '10.0.0.3' }));
  profiler.advance();
  assert.deepEqual(
    closed.map((t) => t.profileIp),
    ['10.0.0.1', '10.0.0.2'],
  );
  profiler.finish();
  assert.equal(closed.length, 3);
  // Closed windows keep their summary and evidence but drop detail.
  const tw = store.getProfile('10.0.0.1')!.windows.get(1)!;
  assert.equal(tw.closed, true);
  assert.equal(tw.summary.flows, 1);
  assert.equal(tw.detail, undefined);
  assert.equal(
    windowBehaviour(closed[0]!)!.features.size,
    1,
    'listeners see the detail before it is dropped',
  );
});

test('a late flow reopens its closed window', () => {
  const { store, profiler } = setup('out', 60);
  profiler.add(conn({ ts: 1000 }));
  profiler.add(conn({ ts: 1200, saddr: '10.0.0.7' }));
  profiler.advance();
  assert.equal(store.getProfile('10.0.0.1')!.windows.get(1)!.closed, true);
  profiler.add(conn({ ts: 1001 }));
  const tw = store.getProfile('10.0.0.1')!.windows.get(1)!;
  assert.equal(tw.closed, false);
  assert.equal(tw.summary.flows, 2);
});

test('non-connection records create profiles and are kept as alt-flows of the window', () => {
  const { store, profiler } = setup();
  profiler.add(dns({ ts: 5, saddr: '192.168.1.5', query: 'a.example' }));
  const tw = store.getProfile('192.168.1.5')!.windows.get(1)!;
  assert.equal(tw.detail!.altFlows.length, 1);
  assert.equal(tw.summary.records, 1);
  assert.equal(tw.summary.flows, 0);
});

test('records with a non-IP source (a DHCP client known only by its MAC) make no profile', () => {
  // Connection readers only emit valid IPs; other logs may name hosts by MAC.
  const { store, profiler } = setup();
  profiler.add(dns({ ts: 5, saddr: '00:11:22:33:44:55', daddr: 'ff:ff:ff:ff:ff:ff' }));
  assert.equal(store.profileCount, 0);
});
