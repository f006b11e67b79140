import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../../engine/config/config';
import { createNetworkDiscovery } from '../../../../engine/detectors/networkDiscovery';
import { ZeekScanNotices } from '../../../../engine/detectors/networkDiscovery/zeekScanNotices';
import { notice } from './records';
import { runRecords } from './harness';

const T0 = 1_601_998_373;

test('Zeek Port_Scan → vertical scan by Zeek engine, high, confidence 1, victim from the message', async () => {
  const msg = '192.168.1.200 scanned at least 15 unique ports of host 192.168.1.102 in 0m3s';
  const { evidence } = await runRecords(
    [new ZeekScanNotices()],
    [notice({ ts: T0, note: 'Scan::Port_Scan', msg, saddr: '192.168.1.200', daddr: '192.168.1.200' })],
  );
  assert.equal(evidence.length, 1);
  const e = evidence[0]!;
  assert.equal(e.description, `vertical port scan by Zeek engine. ${msg}`);
  assert.equal(e.evidenceType, 'VERTICAL_PORT_SCAN');
  assert.equal(e.threatLevel, 'high');
  assert.equal(e.confidence, 1);
  assert.equal(e.attacker.value, '192.168.1.200');
  assert.equal(e.victim?.value, '192.168.1.102');
});

test('Zeek Address_Scan → horizontal scan by Zeek engine with the scanned port', async () => {
  const msg = '147.32.83.156 scanned at least 25 unique hosts on port 23/tcp in 1m14s';
  const { evidence } = await runRecords(
    [new ZeekScanNotices()],
    [notice({ ts: T0, note: 'Scan::Address_Scan', msg, saddr: '147.32.83.156', scannedPort: 23 })],
  );
  assert.equal(evidence[0]!.description, `horizontal port scan by Zeek engine. ${msg}`);
  assert.equal(evidence[0]!.evidenceType, 'HORIZONTAL_PORT_SCAN');
  assert.equal(evidence[0]!.dstPort, 23);
  assert.equal(evidence[0]!.profile, 'profile_147.32.83.156');
});

test('ICMP-scan notices: type by note, medium, confidence (hosts − 255)/250 + 1', async () => {
  const cases: [string, string, string, number][] = [
    ['ICMP::ICMPAddressScan', 'address', 'ICMP_ADDRESS_SCAN', 230],
    ['ICMP::TimestampScan', 'timestamp', 'ICMP_TIMESTAMP_SCAN', 255],
    ['ICMP::AddressMaskScan', 'address mask', 'ICMP_ADDRESS_MASK_SCAN', 5],
  ];
  for (const [note, words, type, hosts] of cases) {
    const msg = `192.168.1.15 performed ICMP ${words} scan on ${hosts} hosts`;
    const { evidence } = await runRecords(
      [new ZeekScanNotices()],
      [notice({ ts: T0, note, msg, saddr: '192.168.1.15' })],
    );
    const e = evidence[0]!;
    assert.equal(e.evidenceType, type);
    assert.equal(e.description, msg);
    assert.equal(e.threatLevel, 'medium');
    assert.equal(e.confidence, Math.round(((hosts - 255) / 250 + 1) * 1e4) / 1e4);
  }
  const unreadable = await runRecords(
    [new ZeekScanNotices()],
    [notice({ ts: T0, note: 'ICMP::ICMPAddressScan', msg: 'something else' })],
  );
  assert.equal(unreadable.evidence.length, 0);
});

test('Zeek Password_Guessing: reported here only when brute_force_detector is disabled', async () => {
  const msg = '222.186.30.112 appears to be guessing SSH passwords (seen in 30 connections).';
  const rec = () => notice({ ts: T0, note: 'SSH::Password_Guessing', msg, saddr: '222.186.30.112' });
  const enabled = await runRecords(createNetworkDiscovery(DEFAULT_CONFIG), [rec()]);
  assert.equal(enabled.evidence.length, 0);
  const config = { ...DEFAULT_CONFIG, disabledModules: ['template', 'brute_force_detector'] };
  const disabled = await runRecords(createNetworkDiscovery(config), [rec()], config);
  assert.equal(disabled.evidence.length, 1);
  const e = disabled.evidence[0]!;
  assert.equal(e.evidenceType, 'PASSWORD_GUESSING');
  assert.equal(e.description, `password guessing. ${msg}. Detected by zeek.`);
  assert.equal(e.threatLevel, 'high');
  assert.equal(e.confidence, 1);
  assert.equal(e.attacker.value, '222.186.30.112');
});

test('other notices are not scans', async () => {
  const { evidence } = await runRecords(
    [new ZeekScanNotices()],
    [notice({ ts: T0, note: 'SSL::Invalid_Server_Cert', msg: 'certificate problem' })],
  );
  assert.equal(evidence.length, 0);
});
