import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashInput, sha256File } from '../../../engine/output/metadata/inputHash';
import { MetadataSink } from '../../../engine/output/metadata/metadataSink';
import { SummaryJsonSink } from '../../../engine/output/summaryJson';
import type { Summary } from '../../../engine/summary';
import { ENGINE_VERSION } from '../../../engine/version';
import { fixedClock } from './fixtures';

/** engine/data/services.csv is byte-identical to upstream; its hash is in shared/data/MANIFEST.tsv. */
const SERVICES = join(__dirname, '../../../engine/data/services.csv');
const SERVICES_SHA = '02510ad4ec9b66e19a20da1b2489631830e6febb0fbd20e3f6aa2081d9098c07';

test('sha256 of a known file, streamed', async () => {
  assert.deepEqual(await sha256File(SERVICES), { sha256: SERVICES_SHA, bytes: 5841 });
});

test('a folder gets one hash per file, sorted by relative path; stdin and missing paths none', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hash-'));
  writeFileSync(join(dir, 'conn.log'), 'abc');
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'dns.log'), '');
  assert.deepEqual(await hashInput(dir), {
    files: {
      'conn.log': { sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', bytes: 3 },
      'sub/dns.log': { sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', bytes: 0 },
    },
  });
  assert.equal(await hashInput('-'), undefined);
  assert.equal(await hashInput(join(dir, 'nope')), undefined);
});

test('metadata/: slips.yaml, the original config, info.json', async () => {
  const out = mkdtempSync(join(tmpdir(), 'meta-'));
  const conf = join(out, 'my.yaml');
  writeFileSync(conf, 'parameters:\n  time_window_width: 60\n');
  const sink = new MetadataSink(join(out, 'metadata'), {
    configYaml: 'parameters:\n  time_window_width: 60\n',
    configPath: conf,
    inputPath: SERVICES,
    clock: fixedClock,
    argv: ['-f', SERVICES],
  });
  await sink.close();
  assert.equal(
    readFileSync(join(out, 'metadata', 'slips.yaml'), 'utf8'),
    'parameters:\n  time_window_width: 60\n',
  );
  assert.equal(
    readFileSync(join(out, 'metadata', 'original-my.yaml'), 'utf8'),
    'parameters:\n  time_window_width: 60\n',
  );
  const info = JSON.parse(readFileSync(join(out, 'metadata', 'info.json'), 'utf8'));
  assert.equal(info.engine_version, ENGINE_VERSION);
  assert.equal(info.input.path, SERVICES);
  assert.equal(info.input.sha256, SERVICES_SHA);
  assert.equal(info.input.bytes, 5841);
  assert.deepEqual(info.command_line, ['-f', SERVICES]);
  assert.equal(info.start_time, '2024-05-06T07:08:09.123000+00:00');
  assert.equal(info.end_time, '2024-05-06T07:08:09.123000+00:00');
});

test('summary.json: pretty-printed, keys in a stable order', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'summary-')), 'summary.json');
  const summary: Summary = {
    analysis_direction: 'out',
    engine_version: '1.0.0',
    input: 'x.log',
    input_format: 'zeek-tsv',
    records_read: 3,
    records_parsed: 2,
    records_skipped: { 'z reason': 1, 'a reason': 0 },
    records_skipped_total: 1,
    records_rejected: 0,
    file_errors: 0,
    records_by_kind: { dns: 1, conn: 1 },
    profiles: 1,
    timewindows: 1,
    evidence: 3,
    evidence_by_type: { VERTICAL_PORT_SCAN: 1, HORIZONTAL_PORT_SCAN: 2 },
    evidence_whitelisted: 1,
    alerts: 0,
    first_ts: 1,
    last_ts: 2,
    time_window_width: 3600,
  };
  await new SummaryJsonSink(path).close(summary);
  const text = readFileSync(path, 'utf8');
  assert.deepEqual(Object.keys(JSON.parse(text)), [
    'engine_version',
    'input',
    'input_format',
    'records_read',
    'records_parsed',
    'records_skipped',
    'records_skipped_total',
    'records_rejected',
    'file_errors',
    'records_by_kind',
    'profiles',
    'timewindows',
    'evidence',
    'evidence_by_type',
    'evidence_whitelisted',
    'alerts',
    'first_ts',
    'last_ts',
    'time_window_width',
    'analysis_direction',
  ]);
  assert.ok(text.includes('"records_skipped": {\n    "a reason": 0,\n    "z reason": 1\n  }'));
  assert.ok(
    text.includes('"evidence_by_type": {\n    "HORIZONTAL_PORT_SCAN": 2,\n    "VERTICAL_PORT_SCAN": 1\n  }'),
  );
  assert.ok(text.endsWith('}\n'));
});
