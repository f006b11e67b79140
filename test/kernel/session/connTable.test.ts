import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConnTable } from '../../../kernel/session/connTable';
import { conn } from '../../helpers/records';

test('connTable: rows give back the records stored, across growth', () => {
  const t = new ConnTable();
  const recs = Array.from({ length: 10_000 }, (_, i) =>
    conn({
      ts: 1000 + i / 7,
      saddr: `10.0.${i % 3}.1`,
      daddr: i % 2 ? 'fe80::1' : '8.8.8.8',
      dport: i % 65536,
      sbytes: i * 1.5,
      state: i % 5 ? 'SF' : 'S0',
      label: i % 11 ? undefined : 'Malicious',
      detailedLabel: i % 13 ? undefined : 'C&C',
    }),
  );
  const rows = recs.map((r) => t.add(r));
  assert.deepEqual(rows.slice(0, 3), [0, 1, 2]);
  assert.equal(t.length, recs.length);
  for (const i of [0, 1, 4095, 4096, 4097, 9999]) {
    const want = { ...recs[i]! };
    if (want.label === undefined) delete want.label;
    if (want.detailedLabel === undefined) delete want.detailedLabel;
    assert.deepEqual(t.record(i), want, `row ${i}`);
  }
  assert.equal(t.pools.ip.size, 5, 'addresses are interned once');
});
