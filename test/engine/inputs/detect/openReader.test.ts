// openReader: the right reader for each detected or given type, and clear refusals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Accounting } from '../../../../engine/inputs/accounting';
import { BinetflowReader } from '../../../../engine/inputs/argus/binetflowReader';
import { NfdumpReader } from '../../../../engine/inputs/nfdump/nfdumpReader';
import { openReader } from '../../../../engine/inputs/openReader';
import { InputError, type InputFormat } from '../../../../engine/inputs/reader';
import { SuricataReader } from '../../../../engine/inputs/suricata/suricataReader';
import { ZeekFolderReader } from '../../../../engine/inputs/zeek/zeekFolderReader';
import { ZeekLogReader } from '../../../../engine/inputs/zeek/zeekLogReader';

import { DATA } from '../../../helpers/data';

async function rejectsWith(p: Promise<unknown>, message: RegExp): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof InputError, String(err));
    assert.match(err.message, message);
    return true;
  });
}

const cases: [string, new (...args: never[]) => object, InputFormat][] = [
  ['binetflow/slips/test3-mixed.binetflow', BinetflowReader, 'binetflow'],
  ['binetflow/slips/test5-mixed.binetflow', BinetflowReader, 'binetflow-tabs'],
  ['suricata/slips/test6-malicious.suricata.json', SuricataReader, 'suricata'],
  ['nfdump/slips/test1-malicious.nfdump', NfdumpReader, 'nfdump'],
  ['zeek/slips/test10-mixed-zeek-dir', ZeekFolderReader, 'zeek-folder'],
  ['zeek/slips/test10-mixed-zeek-dir/conn.log', ZeekLogReader, 'zeek-tsv'],
  ['zeek/slips/port-scans/vertical/conn.log', ZeekLogReader, 'zeek-json'],
];

for (const [rel, cls, format] of cases) {
  test(`${rel} opens a ${cls.name} (${format})`, async () => {
    const reader = await openReader(`${DATA}/${rel}`, { accounting: new Accounting() });
    assert.ok(reader instanceof cls);
    assert.equal(reader.format, format);
  });
}

test('the opened Argus reader reads its file', async () => {
  const accounting = new Accounting();
  const reader = await openReader(`${DATA}/binetflow/slips/test3-mixed.binetflow`, { accounting });
  let n = 0;
  for await (const b of reader.batches()) n += b.length;
  assert.equal(n, 89);
  assert.ok(accounting.balanced());
});

test('a given type skips sniffing', async () => {
  const reader = await openReader(`${DATA}/binetflow/slips/test3-mixed.binetflow`, {
    accounting: new Accounting(),
    type: 'suricata',
  });
  assert.ok(reader instanceof SuricataReader);
});

test('stdin needs a type', async () => {
  await rejectsWith(
    openReader('-', { accounting: new Accounting() }),
    /stdin \(-\) needs the input type.*-t\/--input-type/,
  );
  const reader = await openReader('-', { accounting: new Accounting(), type: 'binetflow' });
  assert.ok(reader instanceof BinetflowReader);
  await rejectsWith(
    openReader('-', { accounting: new Accounting(), type: 'zeek-folder' }),
    /not a Zeek log folder/,
  );
});

test('packet captures open the native pcap reader', async () => {
  const pcap = await openReader(`${DATA}/pcap/slips/test8-malicious.pcap`, { accounting: new Accounting() });
  assert.equal(pcap.format, 'pcap');
  const pcapng = await openReader(`${DATA}/zeek-baselines/zeek-v8.0.0/irc-dcc-send/irc-dcc-send.pcapng`, {
    accounting: new Accounting(),
  });
  assert.equal(pcapng.format, 'pcapng');
});

test('missing paths and type/path mismatches', async () => {
  await rejectsWith(
    openReader('/no/such/file', { accounting: new Accounting() }),
    /^\/no\/such\/file does not exist$/,
  );
  await rejectsWith(
    openReader('/no/such/file', { accounting: new Accounting(), type: 'binetflow' }),
    /does not exist/,
  );
  await rejectsWith(
    openReader(`${DATA}/binetflow/slips/test3-mixed.binetflow`, {
      accounting: new Accounting(),
      type: 'zeek-folder',
    }),
    /is not a folder/,
  );
  await rejectsWith(
    openReader(`${DATA}/binetflow`, { accounting: new Accounting(), type: 'binetflow' }),
    /is a folder/,
  );
});
