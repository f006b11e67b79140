import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../../../../engine/config/config';
import { loadThreatIntel } from '../../../../engine/enrich/ti/loadThreatIntel';
import { parseFeed, type FeedSource } from '../../../../engine/enrich/ti/parseFeed';
import { TiIndex } from '../../../../engine/enrich/ti/tiIndex';
import { DATA } from '../../../helpers/data';

function index(text: string, name = 'feed.csv', threatLevel: FeedSource['threatLevel'] = 'medium'): TiIndex {
  const ix = new TiIndex();
  const src: FeedSource = { file: name, name, kind: 'ioc', threatLevel, tags: "['honeypot']" };
  parseFeed(text, src, (e) => ix.add(e, src), []);
  ix.seal();
  return ix;
}

test('IPs match exactly, then by CIDR range (IPv4 and IPv6, ranges wider than /8 too)', () => {
  const ix = index('45.9.148.3\n1.10.16.0/20\n2a06:1280::/32\n2001:db8::5\n16.0.0.0/6\n');
  assert.equal(ix.ip('45.9.148.3')?.listed, '45.9.148.3');
  assert.equal(ix.ip('45.9.148.4'), undefined);
  assert.equal(ix.ip('1.10.31.255')?.listed, '1.10.16.0/20');
  assert.equal(ix.ip('1.10.32.0'), undefined);
  assert.equal(ix.ip('2a06:1280:ffff::1')?.listed, '2a06:1280::/32');
  assert.equal(ix.ip('2001:0db8:0:0:0:0:0:5')?.meta.source, 'feed.csv');
  assert.equal(ix.ip('19.1.2.3')?.listed, '16.0.0.0/6');
  assert.equal(ix.ip('20.1.2.3'), undefined);
  assert.equal(ix.ip('not-an-ip'), undefined);
});

test('domains match exactly, then by parent, but never by a bare top-level domain', () => {
  const ix = index('evil.example\ncom\n');
  assert.deepEqual(ix.domain('evil.example'), {
    meta: { description: '', source: 'feed.csv', threatLevel: 'medium', tags: "['honeypot']" },
    listed: 'evil.example',
    isSubdomain: false,
  });
  assert.equal(ix.domain('a.b.EVIL.example.')?.isSubdomain, true);
  assert.equal(ix.domain('notevil.example'), undefined);
  assert.equal(ix.domain('google.com'), undefined);
});

test('ASNs, URLs and hashes', () => {
  const ix = index('AS39770,high,bulletproof\nhttp://evil.example/x.exe,medium,dropper\n');
  assert.equal(ix.asn(39770)?.threatLevel, 'high');
  assert.equal(ix.url('http://EVIL.example/x.exe')?.description, 'dropper');
  assert.equal(ix.asn(15169), undefined);
});

test('the same IP in two feeds: the later one wins', () => {
  const ix = new TiIndex();
  for (const [name, desc] of [
    ['a.csv', 'first'],
    ['b.csv', 'second'],
  ]) {
    const src: FeedSource = { file: name, name, kind: 'ioc', threatLevel: 'medium', tags: '' };
    parseFeed(`45.9.148.3,${desc}`, src, (e) => ix.add(e, src), []);
  }
  assert.equal(ix.ip('45.9.148.3')?.meta.source, 'b.csv');
});

test('the default configuration loads the shipped own_malicious_* files without a problem', () => {
  const ti = loadThreatIntel(DEFAULT_CONFIG);
  assert.deepEqual(
    ti.files.map((f) => [f.file.split('/').pop(), f.entries, f.rejected]),
    [
      ['own_malicious_JA3.csv', 2, 0],
      ['own_malicious_JARM.csv', 21, 0],
      ['own_malicious_iocs.csv', 14, 0],
    ],
  );
  assert.deepEqual(ti.problems, []);
  assert.equal(ti.index.ip('23.253.126.58')?.meta.description, 'Simda CC');
  assert.equal(ti.notDownloaded.length, 42);
});

test("upstream's JARM file with its truncated hash on line 22: that line is reported, the rest loads", () => {
  const dir = mkdtempSync(join(tmpdir(), 'ti-'));
  const shipped = readFileSync('engine/data/ti/local_ti_files/own_malicious_JARM.csv', 'utf8').split('\n');
  shipped.splice(21, 0, '20d14d20d21d20d20c20d14d20d20daddf8a68a1444c74b6dbe09910a,medium,EvilGinx2');
  writeFileSync(join(dir, 'own_malicious_JARM.csv'), shipped.join('\n'));
  const ti = loadThreatIntel({
    ...DEFAULT_CONFIG,
    threatIntelligence: { ...DEFAULT_CONFIG.threatIntelligence, localThreatIntelligenceFiles: dir },
  });
  assert.deepEqual(
    ti.files.map((f) => [f.file.split('/').pop(), f.entries, f.rejected]),
    [['own_malicious_JARM.csv', 21, 1]],
  );
  assert.deepEqual(
    ti.problems.map((p) => [p.file.split('/').pop(), p.line]),
    [['own_malicious_JARM.csv', 22]],
  );
});

test('downloaded feeds are read from the remote folder with their list level; local files from the configured folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ti-'));
  mkdirSync(join(dir, 'remote'));
  mkdirSync(join(dir, 'local'));
  writeFileSync(join(dir, 'feeds.csv'), "# list\nhttps://lists.example/drop.txt,low, ['spam']\nnot a url\n");
  writeFileSync(join(dir, 'remote', 'drop.txt'), '; DROP\n1.10.16.0/20 ; SBL256894\n');
  writeFileSync(join(dir, 'local', 'mine.csv'), '45.9.148.3,critical,mine\n');
  const ti = loadThreatIntel({
    ...DEFAULT_CONFIG,
    threatIntelligence: {
      ...DEFAULT_CONFIG.threatIntelligence,
      localThreatIntelligenceFiles: join(dir, 'local'),
      downloadPathForRemoteThreatIntelligence: join(dir, 'remote'),
      tiFiles: join(dir, 'feeds.csv'),
      ja3Feeds: join(dir, 'none.csv'),
      sslFeeds: `${DATA}/slips-config/SSL_feeds.csv`,
    },
  });
  assert.deepEqual(ti.index.ip('1.10.20.1')?.meta, {
    description: 'SBL256894',
    source: 'drop.txt',
    threatLevel: 'low',
    tags: "['spam']",
  });
  assert.equal(ti.index.ip('45.9.148.3')?.meta.threatLevel, 'critical');
  assert.deepEqual(ti.notDownloaded, ['https://sslbl.abuse.ch/blacklist/sslblacklist.csv']);
  assert.deepEqual(
    ti.problems.map((p) => [p.line, p.reason.slice(0, 30)]),
    [
      [3, 'not a feed URL: not a url'],
      [0, 'cannot read the feed list /tmp'],
    ],
  );
});

test('nested IPv4 ranges: the most specific one is reported; the same range listed again takes the later description', () => {
  const ix = index('1.10.0.0/16,wide\n1.10.16.0/20,narrow\n5.0.0.0/8,first\n5.0.0.0/8,second\n');
  assert.equal(ix.ip('1.10.20.1')?.listed, '1.10.16.0/20');
  assert.equal(ix.ip('1.10.200.1')?.listed, '1.10.0.0/16');
  assert.equal(ix.ip('5.6.7.8')?.meta.description, 'second');
  assert.equal(ix.ip('1.11.0.1'), undefined);
});
