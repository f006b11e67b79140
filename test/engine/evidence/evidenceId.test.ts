import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IdHash } from '../../../engine/evidence/evidenceId';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('ids are uuid-shaped and the same parts always give the same id', () => {
  const a = new IdHash().str('UNKNOWN_PORT').str('10.0.0.1').num(3).num(1600000000.5).uuid();
  const b = new IdHash().str('UNKNOWN_PORT').str('10.0.0.1').num(3).num(1600000000.5).uuid();
  assert.match(a, UUID_V4);
  assert.equal(a, b);
});

test('the parts are separated: moving a character between parts changes the id', () => {
  const ids = new Set([
    new IdHash().str('ab').str('c').uuid(),
    new IdHash().str('a').str('bc').uuid(),
    new IdHash().str('abc').uuid(),
    new IdHash().str('abc').str('').uuid(),
    new IdHash().num(12).num(3).uuid(),
    new IdHash().num(1).num(23).uuid(),
  ]);
  assert.equal(ids.size, 6);
});

test('a million near-identical inputs give a million distinct ids', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 1_000_000; i++) {
    const id = new IdHash()
      .str('UNKNOWN_PORT')
      .str(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`)
      .num(i % 24)
      .uuid();
    seen.add(id);
  }
  assert.equal(seen.size, 1_000_000);
});
