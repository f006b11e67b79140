import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FLOW_FEATURES, flowFeatures, normaliseLabel } from '../../../../engine/ml/flows/features';
import { conn } from '../../../helpers/records';

test("upstream's nine features in its order and encoding", () => {
  assert.deepEqual(
    [...FLOW_FEATURES],
    ['proto', 'dport', 'sport', 'dur', 'pkts', 'spkts', 'allbytes', 'sbytes', 'state'],
  );
  const tcp = conn({
    ts: 1,
    proto: 'tcp',
    sport: 51000,
    dport: 443,
    dur: 1.5,
    spkts: 6,
    dpkts: 4,
    sbytes: 700,
    dbytes: 3000,
    state: 'SF',
  });
  assert.deepEqual([...flowFeatures(tcp)!], [0, 443, 51000, 1.5, 10, 6, 3700, 700, 1]);
  // a Zeek S0 is Not Established → 0; UDP → 1
  const udp = conn({ ts: 1, proto: 'udp', dport: 53, state: 'S0', spkts: 1, dpkts: 0, sbytes: 40 });
  assert.deepEqual(
    [...flowFeatures(udp)!].filter((_, i) => [0, 8].includes(i)),
    [1, 0],
  );
  // Argus state from the flags, as the profiler interprets it
  const argus = conn({ ts: 1, source: 'argus', state: 'SA_SA', spkts: 2, dpkts: 2 });
  assert.equal(flowFeatures(argus)![8], 1);
});

test('flows without ports are not classified; a NaN duration becomes 0', () => {
  for (const proto of ['icmp', 'ipv6-icmp', 'arp', 'igmp', 'gre', ''])
    assert.equal(flowFeatures(conn({ ts: 1, proto })), undefined, proto);
  assert.equal(flowFeatures(conn({ ts: 1, dur: NaN }))![3], 0);
});

test('labels fold to Malware (1) / Normal (0); Background and Unknown have no ground truth', () => {
  const cases: [string | undefined, 0 | 1 | undefined][] = [
    ['Malicious', 1],
    ['From_malicious-To_malicious-Malware_data_exfiltration-RemcosRAT', 1],
    ['flow=Malware-UDP-DNS', 1],
    ['flow=From-Botnet-V42-TCP-CC', 1],
    ['Benign', 0],
    ['normal', 0],
    ['flow=From-Normal-V42-Grill', 0],
    ['Background', undefined],
    ['flow=Background-UDP-DNS', undefined],
    ['Unknown', undefined],
    ['', undefined],
    [undefined, undefined],
  ];
  for (const [label, want] of cases) assert.equal(normaliseLabel(label), want, String(label));
});
