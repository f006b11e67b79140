import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, loadConfig } from '../../../engine/config/config';
import { settings } from './files';

test('the documented defaults (newest Slips unless noted)', () => {
  const c = loadConfig();
  const cases: Array<[string, unknown, unknown]> = [
    ['timeWindowWidth', c.timeWindowWidth, 3600],
    ['onlyOneTw', c.onlyOneTw, false],
    ['analysisDirection', c.analysisDirection, 'out'],
    ['verbose', c.verbose, 1],
    ['debug', c.debug, 0],
    ['evidenceDetectionThreshold', c.evidenceDetectionThreshold, 0.25],
    ['disabledModules', c.disabledModules, ['template', 'flow_ml_detection']],
    ['disabledDetections', c.disabledDetections, []],
    ['timelineHumanTimestamp', c.timelineHumanTimestamp, true],
    ['createLogFiles', c.createLogFiles, false],
    ['label', c.label, 'normal'],
    ['clientIps', c.clientIps, []],
    ['tcpInactivityTimeout', c.tcpInactivityTimeout, 60],
    ['exportStratoLetters', c.exportStratoLetters, false],
    ['timestampFormat', c.timestampFormat, undefined],
    [
      'flowAlerts',
      c.flowAlerts,
      {
        longConnectionThreshold: 1500,
        sshSuccessfulDetectionThreshold: 4290,
        dataExfiltrationThreshold: 500,
        entropyThreshold: 5,
        pastebinDownloadThreshold: 700,
      },
    ],
    ['bruteForce', c.bruteForce, { sshAttemptThreshold: 9 }],
    ['whitelists', c.whitelists, { enableLocalWhitelist: true, localWhitelistPath: 'config/whitelist.conf' }],
    ['alertsJsonFormat', c.alertsJsonFormat, 'idmefv2'],
    ['source', c.source, { dialect: 'defaults' }],
    ['ignoredKeys', c.ignoredKeys, []],
  ];
  for (const [name, got, want] of cases) assert.deepEqual(got, want, name);
  assert.deepEqual(c, DEFAULT_CONFIG);
});

test('loadConfig hands out copies; the defaults cannot be changed', () => {
  const c = loadConfig();
  c.disabledModules.push('flow_alerts');
  c.flowAlerts.entropyThreshold = 1;
  c.whitelists.enableLocalWhitelist = false;
  assert.deepEqual(DEFAULT_CONFIG.disabledModules, ['template', 'flow_ml_detection']);
  assert.equal(DEFAULT_CONFIG.whitelists.enableLocalWhitelist, true);
  assert.equal(DEFAULT_CONFIG.flowAlerts.entropyThreshold, 5);
  assert.throws(() => {
    (DEFAULT_CONFIG as { label: string }).label = 'x';
  }, TypeError);
});

test('the shipped config/slips.yaml is exactly the defaults', () => {
  const c = loadConfig('config/slips.yaml');
  assert.deepEqual(settings(c), settings(DEFAULT_CONFIG));
  assert.deepEqual(c.source, { path: 'config/slips.yaml', dialect: 'yaml' });
});

test('the shipped config/slips.conf reads as 0.7.1 documented it', () => {
  const c = loadConfig('config/slips.conf');
  assert.equal(c.source.dialect, 'ini');
  assert.deepEqual(
    [
      c.verbose,
      c.debug,
      c.evidenceDetectionThreshold,
      c.label,
      c.analysisDirection,
      c.timeWindowWidth,
      c.tcpInactivityTimeout,
    ],
    [2, 1, 0.1, 'unknown', 'out', 3600, 60],
  );
  assert.deepEqual(c.disabledModules, ['template', 'cc-detector-1', 'flow_ml_detection']);
  assert.equal(c.timestampFormat, undefined);
  assert.ok(c.ignoredKeys.includes('parameters.deletePrevdb'));
  // 0.7.1's `ti_files` is read: left empty there, it lists no remote feeds.
  assert.equal(c.threatIntelligence.tiFiles, '');
  assert.equal(c.threatIntelligence.updatePeriod, 86400);
});
