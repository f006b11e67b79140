import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conn, dns } from '../../../../helpers/records';
import { createConnFlowAlerts } from '../../../../../engine/detectors/flowAlerts/conn';
import { DEFAULT_CONFIG } from '../../../../../engine/config/config';
import type { FlowRecord } from '../../../../../engine/flow';
import { ftp, login, runRecords, ssl, tunnel } from './harness';

const T = 1_600_000_000;

test('createConnFlowAlerts: one detector per detection, named for its upstream module', () => {
  const detectors = createConnFlowAlerts(DEFAULT_CONFIG);
  assert.equal(detectors.length, 14);
  assert.deepEqual([...new Set(detectors.map((d) => d.name))].sort(), ['flow_alerts', 'http_analyzer']);
});

test("modules.disable: flow_alerts off leaves http_analyzer's non-HTTP check on", async () => {
  const config = { ...DEFAULT_CONFIG, disabledModules: ['flow_alerts'] };
  const ev = await runRecords(
    [conn({ ts: T, daddr: '194.132.197.198', dport: 80, state: 'SF', sbytes: 5, dbytes: 3, dur: 9999 })],
    createConnFlowAlerts(config),
    config,
  );
  assert.deepEqual([...new Set(ev.map((e) => e.evidenceType))], ['NON_HTTP_PORT_80_CONNECTION']);
});

test('odd values never throw (negative, NaN and huge numbers, port 0, empty strings, unknown protocols)', async () => {
  const odd: FlowRecord[] = [
    conn({ ts: T, dur: -1, sbytes: -1, dbytes: -1, spkts: -1, dpkts: -1 }),
    conn({ ts: T, dur: NaN, sbytes: NaN, dbytes: NaN, sport: NaN, dport: NaN }),
    conn({ ts: T, dur: 1e300, sbytes: 1e300, dbytes: 1e300, daddr: '8.8.8.8', state: 'SF', dport: 443 }),
    conn({ ts: T, sport: 0, dport: 0, proto: '', state: '', history: '', appproto: '' }),
    conn({ ts: T, saddr: '192.168.1.5', daddr: '', dport: 80, state: 'SF', sbytes: 1 }),
    conn({ ts: T, saddr: 'fe80::1', daddr: 'ff02::1', proto: 'ipv6-icmp', dport: 0 }),
    conn({ ts: T, saddr: '10.0.0.1', daddr: '10.0.0.2', proto: 'weird', dport: 65535, smac: 'x', dmac: 'y' }),
    conn({ ts: T, source: 'argus', state: 'INT', proto: 'udp', dport: 99999 }),
    conn({ ts: T, source: 'suricata', state: 'new', appproto: 'failed', dport: 443, sbytes: 1 }),
    dns({ ts: T, answers: ['', 'not-an-ip', '1.2.3.4', '::1'], query: '' }),
    ftp({ ts: T, usedPort: -4 }),
    ssl({ ts: T, serverName: '', daddr: '' }),
    tunnel({ ts: T, tunnelType: '', action: '' }),
    tunnel({ ts: T, daddr: '', action: 'Tunnel::EXPIRE' }),
    login({ ts: T, daddr: 'not-an-ip' }),
    conn({ ts: NaN, daddr: '8.8.8.8' }),
  ];
  for (const config of [DEFAULT_CONFIG, { ...DEFAULT_CONFIG, analysisDirection: 'all' as const }])
    await assert.doesNotReject(runRecords(odd, createConnFlowAlerts(config), config));
});

test('analysis_direction all: a flow is judged once, from its source profile', async () => {
  const config = { ...DEFAULT_CONFIG, analysisDirection: 'all' as const };
  const ev = await runRecords(
    [conn({ ts: T, saddr: '10.8.0.69', daddr: '66.63.168.35', dport: 5888, dur: 2382, state: 'SF' })],
    createConnFlowAlerts(config),
    config,
  );
  assert.deepEqual(
    ev.map((e) => `${e.evidenceType} ${e.profile}`),
    ['LONG_CONNECTION profile_10.8.0.69', 'UNKNOWN_PORT profile_10.8.0.69'],
  );
});
