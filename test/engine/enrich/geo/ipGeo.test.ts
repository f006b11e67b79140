import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IpGeoLookup } from '../../../../engine/enrich/geo/ipGeo';
import { AsnTable } from '../../../../engine/enrich/geo/asnTable';

const cacheDir = mkdtempSync(join(tmpdir(), 'asn-cache-'));

test('8.8.8.8 is in the United States, AS15169 Google LLC, from the shipped data', () => {
  const geo = new IpGeoLookup({ cacheDir });
  assert.deepEqual(geo.lookup('8.8.8.8'), {
    country: 'United States',
    as: { number: 15169, org: 'Google LLC' },
  });
  assert.equal(geo.asLabel('8.8.8.8'), 'AS15169 Google LLC');
  assert.equal(geo.asLabel('1.1.1.1'), 'AS13335 Cloudflare, Inc.');
  assert.equal(geo.lookup('2001:4860:4860::8888').as?.number, 15169);
  assert.deepEqual(geo.problems, []);
});

test('private addresses are Private; addresses without data are Unknown, as upstream', () => {
  const geo = new IpGeoLookup({ cacheDir });
  for (const ip of ['10.0.2.15', '192.168.1.1', '172.16.0.9', '127.0.0.1', 'fd00::1'])
    assert.deepEqual(geo.lookup(ip), { country: 'Private' }, ip);
  assert.equal(geo.asLabel('10.0.2.15'), undefined);
  // Multicast is neither private nor in the databases.
  assert.equal(geo.lookup('239.255.255.250').country, 'Unknown');
});

test('the converted ASN table read back from its cache file answers the same', () => {
  const first = new IpGeoLookup({ cacheDir }).lookup('8.8.8.8');
  const again = new IpGeoLookup({ cacheDir }).lookup('8.8.8.8');
  assert.deepEqual(again, first);
  const files = require('node:fs').readdirSync(cacheDir) as string[];
  assert.equal(files.length, 1);
  assert.match(files[0]!, /^asn-.*\.bin$/);
  // A cache of another version is not trusted.
  const buf = readFileSync(join(cacheDir, files[0]!));
  assert.equal(AsnTable.fromBuffer(buf, 'other-version'), undefined);
});

test('a user database that cannot be read is one problem, and lookups go on', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bad-mmdb-'));
  const bad = join(dir, 'GeoLite2-Country.mmdb');
  writeFileSync(bad, 'not a maxmind database');
  const geo = new IpGeoLookup({ countryDatabase: bad, asnDatabase: join(dir, 'missing.mmdb'), cacheDir });
  assert.deepEqual(geo.lookup('8.8.8.8'), { country: 'Unknown' });
  assert.equal(geo.problems.length, 2);
  assert.match(geo.problems[0]!.reason, /cannot read the IP database .*GeoLite2-Country.mmdb/);
  assert.match(geo.problems[1]!.reason, /missing.mmdb: no such file/);
});

test('AsnTable merges adjacent ranges of one AS and binary-searches v4 and v6', () => {
  const t = AsnTable.fromCsv(
    '16777216,16777471,13335,"Cloudflare, Inc."\n16777472,16777727,13335,"Cloudflare, Inc."\n16778240,16779263,38803,Gtelecom\n',
    '2001::,2001::ffff:ffff:ffff:ffff:ffff:ffff,6939,Hurricane Electric LLC\n',
  );
  assert.equal(t.rangeCount, 3);
  assert.deepEqual(t.lookup('1.0.1.7'), { number: 13335, org: 'Cloudflare, Inc.' });
  assert.equal(t.lookup('1.0.2.0'), undefined);
  assert.deepEqual(t.lookup('1.0.4.1'), { number: 38803, org: 'Gtelecom' });
  assert.equal(t.lookup('2001::1')?.number, 6939);
  assert.equal(t.lookup('2002::1'), undefined);
});
