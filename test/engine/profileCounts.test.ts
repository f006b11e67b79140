// Section 11 acceptance checks that depend only on profiling: profile counts of upstream's datasets
// with the default configuration (analysis_direction out, 1 h windows).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Accounting } from '../../engine/inputs/accounting';
import { openReader } from '../../engine/inputs/openReader';
import { Engine } from '../../engine/engine';
import { DEFAULT_CONFIG } from '../../engine/config/config';

const DATA = `${__dirname}/../../../shared/data`;

const cases: [string, number][] = [
  ['binetflow/slips/test3-mixed.binetflow', 20],
  ['binetflow/slips/test4-malicious.binetflow', 2],
  ['binetflow/slips/test5-mixed.binetflow', 4],
  ['binetflow/slips/test2-malicious.binetflow', 1],
  ['suricata/slips/test6-malicious.suricata.json', 10],
  ['zeek/slips/test9-mixed-zeek-dir/conn.log', 4],
  ['zeek/slips/test10-mixed-zeek-dir/conn.log', 5],
];

for (const [path, more] of cases) {
  test(`${path}: more than ${more} profiles, every record accounted for`, async () => {
    const accounting = new Accounting();
    const reader = await openReader(`${DATA}/${path}`, { accounting });
    const summary = await new Engine(DEFAULT_CONFIG).run(reader, accounting, path);
    assert.ok(summary.profiles > more, `${summary.profiles} profiles`);
    assert.ok(accounting.balanced());
    assert.equal(summary.records_rejected, 0);
    assert.equal(
      summary.records_read,
      summary.records_parsed + summary.records_skipped_total + summary.records_rejected,
    );
  });
}

test('test7 (Zeek conn.log of test7-malicious.pcap) with analysis_direction all: more than 290 profiles', async () => {
  // Upstream's check 12 runs the pcap with a config file that profiles destinations too.
  const accounting = new Accounting();
  const reader = await openReader(
    `${DATA}/zeek-baselines/stratosphere-test7/conn.default-params.log.labeled`,
    { accounting },
  );
  const summary = await new Engine({ ...DEFAULT_CONFIG, analysisDirection: 'all' }).run(
    reader,
    accounting,
    'test7',
  );
  assert.ok(summary.profiles > 290, `${summary.profiles} profiles`);
});
