// http_analyzer on the real logs of ../shared/data, through the real Engine with the default configuration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../../engine/config/config';
import { createHttpAnalyzer } from '../../../../engine/detectors/http';
import { countByType, descriptions, runFile } from '../flowAlerts/app/harness';

test('test14: a Log4Shell user agent, executable downloads, empty connections to google.com', async () => {
  const { evidence, rejected } = await runFile(
    'zeek/slips/test14-malicious-zeek-dir',
    createHttpAnalyzer(DEFAULT_CONFIG),
  );
  assert.equal(rejected, 0);
  assert.deepEqual(countByType(evidence), {
    EMPTY_CONNECTIONS: 1,
    // Two downloads (x-msdownload from 147.32.80.7, x-dosexec from 195.113.214.206), client and server each.
    EXECUTABLE_MIME_TYPE: 4,
    HTTP_TRAFFIC: 521,
    SUSPICIOUS_USER_AGENT: 1,
  });
  assert.ok(
    descriptions(evidence, 'SUSPICIOUS_USER_AGENT')[0]!.startsWith('Suspicious user-agent: ${jndi:ldap://'),
  );
  const exe = descriptions(evidence, 'EXECUTABLE_MIME_TYPE');
  assert.ok(exe.every((d) => d.startsWith('Download of an executable')));
  assert.ok(
    exe.includes(
      'Download of an executable with MIME type: application/x-msdownload by 10.0.2.15 from 147.32.80.7.',
    ),
  );
  assert.ok(
    exe.includes(
      'Download of an executable with MIME type: application/x-dosexec by 10.0.2.15 from 195.113.214.206.',
    ),
  );
});

test('security-datasets 008 (labelled, benign host): one HTTP_TRAFFIC per request, nothing else', async () => {
  const { evidence, rejected } = await runFile(
    'zeek/security-datasets-for-testing/008-zeek-mixed/data',
    createHttpAnalyzer(DEFAULT_CONFIG),
  );
  assert.equal(rejected, 0);
  assert.deepEqual(countByType(evidence), { HTTP_TRAFFIC: 342 });
});
