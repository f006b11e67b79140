import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../../engine/config/config';
import { createArpDetectors } from '../../../../engine/detectors/arp';
import { ArpOutsideLocalnet } from '../../../../engine/detectors/arp/arpOutsideLocalnet';
import { HostBindings } from '../../../../engine/detectors/arp/hostBindings';
import { MitmArp } from '../../../../engine/detectors/arp/mitmArp';
import { UnsolicitedArp } from '../../../../engine/detectors/arp/unsolicitedArp';
import type { FlowRecord } from '../../../../engine/flow';
import { conn } from '../../../helpers/records';
import { countByType, runFile, runRecords } from '../networkDiscovery/harness';
import { announce, arp, BCAST, whoHas, ZERO } from './records';

const T0 = 1_665_150_785;

test('ARP outside the local network: requests for addresses that cannot be neighbours', async () => {
  const cases: [string, FlowRecord[], number][] = [
    ['public target', [whoHas(T0, '69.220.152.0', { saddr: '192.168.1.15' })], 1],
    ['private target, no local network learnt', [whoHas(T0, '10.1.2.3', { saddr: '192.168.1.15' })], 0],
    [
      'private target outside the learnt 192.168.0.0/16',
      [
        conn({ ts: T0, saddr: '192.168.1.15', daddr: '1.1.1.1' }),
        whoHas(T0 + 1, '10.1.2.3', { saddr: '192.168.1.15' }),
      ],
      1,
    ],
    ['same first octet', [whoHas(T0, '69.220.152.0', { saddr: '69.1.1.1' })], 0],
    ['multicast', [whoHas(T0, '224.0.0.251', { saddr: '192.168.1.15' })], 0],
    ['link-local', [whoHas(T0, '169.254.1.1', { saddr: '192.168.1.15' })], 0],
    ['probe from 0.0.0.0', [whoHas(T0, '69.220.152.0', { saddr: '0.0.0.0' })], 0],
    ['reply', [whoHas(T0, '69.220.152.0', { saddr: '192.168.1.15', operation: 'reply' })], 0],
    ['garbage target', [whoHas(T0, 'not-an-ip', { saddr: '192.168.1.15' })], 0],
  ];
  for (const [name, recs, expected] of cases) {
    const { evidence } = await runRecords([new ArpOutsideLocalnet()], recs);
    assert.equal(evidence.length, expected, name);
  }
  const { evidence } = await runRecords([new ArpOutsideLocalnet()], cases[0]![1]);
  const e = evidence[0]!;
  assert.equal(
    e.description,
    '192.168.1.15 sending ARP packet to a destination address outside of local network: 69.220.152.0. ',
  );
  assert.equal(e.evidenceType, 'ARP_OUTSIDE_LOCALNET');
  assert.equal(e.threatLevel, 'low');
  assert.equal(e.confidence, 0.6);
  assert.equal(e.victim?.value, '69.220.152.0');
});

test('unsolicited ARP: a reply broadcast at both layers with real sender addresses', async () => {
  const base = { saddr: '192.168.1.15', operation: 'reply', dmac: BCAST, dstHw: BCAST };
  const cases: [string, Partial<typeof base> & Record<string, string>, number][] = [
    ['broadcast reply', {}, 1],
    ['unicast reply', { dmac: 'aa:aa:aa:aa:aa:aa', dstHw: 'aa:aa:aa:aa:aa:aa' }, 0],
    ['ARP target zero', { dstHw: ZERO }, 0],
    ['sender MAC zero', { smac: ZERO }, 0],
    ['sender hw zero', { srcHw: ZERO }, 0],
    ['request', { operation: 'request' }, 0],
    ['upper-case MACs', { dmac: BCAST.toUpperCase(), dstHw: BCAST.toUpperCase() }, 1],
  ];
  for (const [name, p, expected] of cases) {
    const { evidence } = await runRecords([new UnsolicitedArp()], [arp({ ts: T0, ...base, ...p })]);
    assert.equal(evidence.length, expected, name);
    if (expected) {
      assert.equal(evidence[0]!.description, 'broadcasting unsolicited ARP');
      assert.equal(evidence[0]!.threatLevel, 'low');
      assert.equal(evidence[0]!.confidence, 0.8);
    }
  }
});

test('MITM ARP: a MAC first seen with one IP claims another in a gratuitous reply → critical 0.2', async () => {
  const mac = '2e:a4:18:f8:3d:02';
  const recs = [
    announce(T0, '172.20.7.40', mac),
    announce(T0 + 1, '172.20.7.40', mac),
    announce(T0 + 2, '172.20.7.41', mac),
  ];
  const { evidence } = await runRecords([new MitmArp(new HostBindings())], recs);
  assert.equal(evidence.length, 1);
  const e = evidence[0]!;
  assert.equal(
    e.description,
    '172.20.7.41 performing a MITM ARP attack. The MAC 2e:a4:18:f8:3d:02, now belonging to 172.20.7.41, was seen before for IP 172.20.7.40.',
  );
  assert.equal(e.evidenceType, 'MITM_ARP_ATTACK');
  assert.equal(e.threatLevel, 'critical');
  assert.equal(e.confidence, 0.2);
  assert.equal(e.attacker.value, '172.20.7.41');
  assert.equal(e.victim?.value, '172.20.7.40');
  assert.equal(e.profile, 'profile_172.20.7.41');
});

test('MITM ARP: bindings from connections count; a MAC seen first in the claim itself does not alert', async () => {
  const mac = 'aa:aa:aa:aa:aa:07';
  const fromConn = await runRecords(
    [new MitmArp(new HostBindings())],
    [
      conn({ ts: T0, saddr: '192.168.1.7', smac: mac, daddr: '1.1.1.1', state: 'SF' }),
      announce(T0 + 1, '192.168.1.8', mac),
    ],
  );
  assert.equal(fromConn.evidence.length, 1);
  const first = await runRecords([new MitmArp(new HostBindings())], [announce(T0, '192.168.1.8', mac)]);
  assert.equal(first.evidence.length, 0);
  // A plain request from another IP with that MAC is not a gratuitous claim.
  const request = await runRecords(
    [new MitmArp(new HostBindings())],
    [announce(T0, '192.168.1.7', mac), whoHas(T0 + 1, '192.168.1.1', { saddr: '192.168.1.8', smac: mac })],
  );
  assert.equal(request.evidence.length, 0);
});

test('MITM ARP: the gateway is named when it is the claimer', async () => {
  const gwMac = '00:11:22:33:44:55';
  const recs: FlowRecord[] = [
    announce(T0, '192.168.1.1', gwMac),
    conn({
      ts: T0 + 1,
      saddr: '192.168.1.50',
      daddr: '8.8.8.8',
      smac: 'aa:aa:aa:aa:aa:01',
      dmac: gwMac,
      state: 'SF',
    }),
    announce(T0 + 2, '192.168.1.99', gwMac),
  ];
  const { evidence } = await runRecords([new MitmArp(new HostBindings())], recs);
  assert.equal(
    evidence[0]!.description,
    '192.168.1.99 performing a MITM ARP attack. The MAC of the gateway 00:11:22:33:44:55, now belonging to 192.168.1.99, was seen before for IP 192.168.1.1.',
  );
});

for (const path of [
  'zeek/slips/test16-malicious-zeek-dir/arp.log',
  'zeek/slips/test9-mixed-zeek-dir/arp.log',
]) {
  test(`${path}: ARP to 69.220.152.0 outside the local network and an unsolicited broadcast`, async () => {
    const { evidence, rejected, alerts } = await runFile(path, createArpDetectors(DEFAULT_CONFIG));
    assert.equal(rejected, 0);
    assert.deepEqual(countByType(evidence), { ARP_OUTSIDE_LOCALNET: 1, UNSOLICITED_ARP: 1 });
    assert.deepEqual(
      evidence.map((e) => e.description),
      [
        '192.168.1.15 sending ARP packet to a destination address outside of local network: 69.220.152.0. ',
        'broadcasting unsolicited ARP',
      ],
    );
    for (const e of evidence) assert.equal(e.profile, 'profile_192.168.1.15');
    assert.equal(alerts.length, 0);
  });
}

test('test9 folder: the ARP evidence with the rest of the capture (local network learnt from conn.log)', async () => {
  const { evidence } = await runFile('zeek/slips/test9-mixed-zeek-dir', createArpDetectors(DEFAULT_CONFIG));
  assert.deepEqual(countByType(evidence), { ARP_OUTSIDE_LOCALNET: 1, UNSOLICITED_ARP: 1 });
});
