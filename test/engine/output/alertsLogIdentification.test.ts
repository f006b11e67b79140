import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UnknownPort } from '../../../engine/detectors/flowAlerts/conn';
import { evidenceLine, identification } from '../../../engine/output/alertsLog';
import { conn, dns } from '../../helpers/records';
import { runRecords } from '../../helpers/detectorHarness';
import { ssl } from '../detectors/flowAlerts/app/records';

const T0 = 1_632_302_615;

test('alerts.log names what the traffic said about an IP: its SNI and the DNS names that resolved to it', async () => {
  const { evidence } = await runRecords(
    [new UnknownPort()],
    [
      dns({ ts: T0, saddr: '10.0.0.1', query: 'c2.example', answers: ['66.63.168.35'] }),
      dns({ ts: T0 + 1, saddr: '10.0.0.1', query: 'cdn.example', answers: ['66.63.168.35'] }),
      ssl({ ts: T0 + 2, saddr: '10.0.0.1', daddr: '66.63.168.35', serverName: 'c2.example' }),
      conn({ ts: T0 + 3, saddr: '10.0.0.1', daddr: '66.63.168.35', dport: 8443, state: 'SF' }),
      conn({ ts: T0 + 4, saddr: '10.0.0.1', daddr: '45.9.148.3', dport: 8443, state: 'SF' }),
    ],
  );
  assert.equal(evidence.length, 2);
  const [known, unknown] = evidence;
  assert.ok(
    evidenceLine(known!).endsWith(
      'Threat level: high. IP 66.63.168.35: SNI: c2.example, DNS: c2.example, cdn.example.',
    ),
    evidenceLine(known!),
  );
  assert.ok(evidenceLine(unknown!).endsWith('Threat level: high.'), evidenceLine(unknown!));
});

test('identification lists enrichment when present and nothing for domains', () => {
  assert.equal(
    identification({
      direction: 'DST',
      iocType: 'IP',
      value: '8.8.8.8',
      rdns: 'dns.google',
      as: 'AS15169 GOOGLE',
    }),
    ' IP 8.8.8.8: rDNS: dns.google, AS: AS15169 GOOGLE.',
  );
  assert.equal(identification({ direction: 'DST', iocType: 'DOMAIN', value: 'x.example', sni: 'x' }), '');
  assert.equal(identification({ direction: 'SRC', iocType: 'IP', value: '10.0.0.1' }), '');
});
