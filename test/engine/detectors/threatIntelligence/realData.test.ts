import { test } from 'node:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../../engine/config/config';
import { createThreatIntelligence } from '../../../../engine/detectors/threatIntelligence';
import { IpGeoLookup } from '../../../../engine/enrich/geo/ipGeo';
import { Engine } from '../../../../engine/engine';
import { Accounting } from '../../../../engine/inputs/accounting';
import { openReader } from '../../../../engine/inputs/openReader';
import type { Evidence } from '../../../../engine/evidence/types';
import { DATA, countByType, runFile, runRecords } from '../../../helpers/detectorHarness';
import { conn, dns } from '../../../helpers/records';

const ti = () => createThreatIntelligence(DEFAULT_CONFIG);

test('Simda: connections to the C&C 23.253.126.58 in the Zeek logs of 005 give TI evidence from own_malicious_iocs.csv', async () => {
  const { evidence } = await runFile('zeek/security-datasets-for-testing/005-zeek-scenario-malicious', ti());
  const to = evidence.filter((e) => e.evidenceType === 'THREAT_INTELLIGENCE_TO_BLACKLISTED_IP');
  assert.ok(to.length >= 2, `${to.length}`);
  const server = to.find((e) => e.attacker.value === '23.253.126.58')!;
  assert.equal(server.threatLevel, 'high');
  assert.equal(server.confidence, 1);
  assert.equal(server.attacker.ti, 'own_malicious_iocs.csv');
  assert.match(
    server.description,
    /^connection to blacklisted IP: 23\.253\.126\.58 from \S+\. Description: Simda CC\. Source: own_malicious_iocs\.csv\.$/,
  );
  const twin = to.find((e) => e.attacker.direction === 'SRC')!;
  assert.equal(twin.threatLevel, 'low');
  assert.deepEqual(twin.relIds, [server.id]);
  // At most once per address and window.
  const keys = to.map((e) => `${e.timewindow.number}|${e.attacker.value}|${e.attacker.direction}`);
  assert.equal(new Set(keys).size, keys.length);
});

test('Simda: the Argus binetflow test5 gives TI evidence for 23.253.126.58', async () => {
  const { evidence } = await runFile('binetflow/netflowlabeler/test5.tabs.binetflow', ti());
  const hits = evidence.filter((e) => e.facts.ioc === '23.253.126.58');
  assert.ok(hits.length >= 1);
  assert.ok(hits.every((e) => e.evidenceType === 'THREAT_INTELLIGENCE_TO_BLACKLISTED_IP'));
  assert.ok(hits.some((e) => e.victim?.value === '10.0.2.15'));
});

test('Trickbot JA3 in test15 gives MALICIOUS_JA3', async () => {
  const { evidence } = await runFile('zeek/slips/test15-malicious-zeek-dir', ti());
  const ja3 = evidence.filter((e) => e.evidenceType === 'MALICIOUS_JA3');
  assert.ok(ja3.length >= 1);
  assert.equal(ja3[0]!.attacker.value, '10.0.2.15');
  assert.equal(ja3[0]!.threatLevel, 'high');
  assert.match(
    ja3[0]!.description,
    /^Malicious JA3: 6734f37431670b3ab4292b8f60f29984 from source address 10\.0\.2\.15 to 22\.33\.22\.33 description: Trickbot Malware\./,
  );
});

test('the Tor JA3S in test9 gives MALICIOUS_JA3S against the server', async () => {
  const { evidence } = await runFile('zeek/slips/test9-mixed-zeek-dir', ti());
  const ja3s = evidence.filter((e) => e.evidenceType === 'MALICIOUS_JA3S');
  assert.ok(ja3s.length >= 1);
  assert.equal(ja3s[0]!.attacker.value, '123.33.22.11');
  assert.equal(ja3s[0]!.attacker.direction, 'DST');
  assert.equal(ja3s[0]!.threatLevel, 'medium');
  assert.match(
    ja3s[0]!.description,
    /e7d705a3286e19ea42f587b344ee6865 to server 123\.33\.22\.11 description: Standard tor client/,
  );
});

const T0 = 1_700_000_000;

test('DNS: a blacklisted query, a subdomain of one, a blacklisted answer and the answers of a blacklisted query', async () => {
  const { evidence } = await runRecords(ti(), [
    dns({ ts: T0, saddr: '10.0.0.1', query: 'saveingone.com', answers: ['93.184.216.34'] }),
    dns({ ts: T0 + 1, saddr: '10.0.0.1', query: 'cdn.facedomaintv.com', answers: [] }),
    dns({ ts: T0 + 2, saddr: '10.0.0.1', query: 'innocent.example', answers: ['23.253.126.58'] }),
  ]);
  assert.deepEqual(countByType(evidence), {
    THREAT_INTELLIGENCE_ANSWER_OF_BLACKLISTED_QUERY: 1,
    THREAT_INTELLIGENCE_BLACKLISTED_DNS_ANSWER: 2,
    THREAT_INTELLIGENCE_BLACKLISTED_DOMAIN: 2,
  });
  const sub = evidence.find((e) => e.victim?.value === 'cdn.facedomaintv.com')!;
  assert.equal(sub.confidence, 0.7);
  assert.match(
    sub.description,
    /^connection to a blacklisted domain cdn\.facedomaintv\.com\. Description: Rana Malware IRAN, Found in feed: own_malicious_iocs\.csv, Confidence: 0\.7\. with tags: local TI file\. $/,
  );
  const answer = evidence.find((e) => e.evidenceType === 'THREAT_INTELLIGENCE_BLACKLISTED_DNS_ANSWER')!;
  assert.match(
    answer.description,
    /^DNS answer with a blacklisted IP: 23\.253\.126\.58 for query: innocent\.example /,
  );
});

test('a connection from a blacklisted IP, and one to an address of a blacklisted ASN', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ti-asn-'));
  writeFileSync(
    join(dir, 'own_malicious_iocs.csv'),
    '23.253.126.58,high,Simda CC\nAS15169,medium,test listing of Google\n',
  );
  const config = {
    ...DEFAULT_CONFIG,
    threatIntelligence: { ...DEFAULT_CONFIG.threatIntelligence, localThreatIntelligenceFiles: dir },
  };
  const { evidence } = await runRecords(createThreatIntelligence(config), [
    conn({ ts: T0, saddr: '23.253.126.58', daddr: '10.0.0.1', dport: 22, state: 'S0' }),
    conn({ ts: T0 + 1, saddr: '10.0.0.1', daddr: '8.8.8.8', dport: 443, state: 'SF' }),
  ]);
  const from = evidence.filter((e) => e.evidenceType === 'THREAT_INTELLIGENCE_FROM_BLACKLISTED_IP');
  assert.equal(from.length, 1);
  assert.equal(
    from[0]!.description,
    'connection from blacklisted IP: 23.253.126.58 to 10.0.0.1. Description: Simda CC. Source: own_malicious_iocs.csv.',
  );
  const asn = evidence.filter((e) => e.evidenceType === 'THREAT_INTELLIGENCE_BLACKLISTED_ASN');
  assert.deepEqual(
    asn.map((e) => [e.attacker.value, e.confidence, e.threatLevel]),
    [
      ['10.0.0.1', 0.8, 'medium'],
      ['8.8.8.8', 0.8, 'medium'],
    ],
  );
  assert.match(
    asn[0]!.description,
    /^Connection to IP: 8\.8\.8\.8 with blacklisted ASN: AS15169 Description: test listing of Google/,
  );
});

test('with enrichment, evidence parties carry their AS and profiles their country and AS', async () => {
  const found: Evidence[] = [];
  const engine = new Engine(DEFAULT_CONFIG, {
    detectors: ti(),
    enrichment: new IpGeoLookup(),
    sinks: [{ evidence: (e) => found.push(e), close: async () => {} }],
  });
  const accounting = new Accounting();
  await engine.run(
    await openReader(`${DATA}/zeek/security-datasets-for-testing/005-zeek-scenario-malicious`, {
      accounting,
    }),
    accounting,
    'test',
  );
  const server = found.find((e) => e.attacker.value === '23.253.126.58')!;
  assert.match(server.attacker.as ?? '', /^AS\d+ /);
  const profile = engine.store.getProfile('10.0.2.15') ?? engine.store.getProfile(server.victim!.value)!;
  assert.equal(profile.info.get('geocountry'), 'Private');
  assert.equal(profile.info.get('asn'), 'Unknown');
  // The shipped intelligence files load without a problem (engine/data/README.md).
  assert.deepEqual(accounting.fileErrors, []);
});
