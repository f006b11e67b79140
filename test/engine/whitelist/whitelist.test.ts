import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NetworkKnowledge } from '../../../engine/detectors/networkKnowledge';
import type { FlowRecord } from '../../../engine/flow';
import {
  DST_ALERTS,
  DST_FLOWS,
  entryMask,
  SRC_ALERTS,
  SRC_FLOWS,
  Whitelist,
} from '../../../engine/whitelist/whitelist';
import { arp, conn, dhcp, dns, evidence, http, ip, ssl, T0, whitelist } from './builders';

/** Feeds records in order, as the engine does (knowledge and whitelist learn first), and returns the verdicts. */
function verdicts(wl: Whitelist, records: FlowRecord[]): boolean[] {
  const k = new NetworkKnowledge();
  return records.map((r) => {
    k.learn(r);
    if (wl.observes) wl.observe(r, k);
    return wl.flowIsWhitelisted(r, k);
  });
}

test('entry masks: direction × ignore type', () => {
  const cases: Array<[string, string, number]> = [
    ['src', 'flows', SRC_FLOWS],
    ['dst', 'flows', DST_FLOWS],
    ['both', 'flows', SRC_FLOWS | DST_FLOWS],
    ['src', 'alerts', SRC_ALERTS],
    ['dst', 'alerts', DST_ALERTS],
    ['both', 'both', 15],
    ['dst', 'both', DST_FLOWS | DST_ALERTS],
  ];
  for (const [direction, ignore, mask] of cases)
    assert.equal(entryMask({ direction, ignore } as never), mask, `${direction}/${ignore}`);
});

test('empty whitelist: filters nothing, observes nothing', () => {
  for (const wl of [Whitelist.EMPTY, whitelist()]) {
    assert.equal(wl.filtersFlows, false);
    assert.equal(wl.filtersAlerts, false);
    assert.equal(wl.observes, false);
    assert.deepEqual(verdicts(wl, [conn({ ts: T0 })]), [false]);
    assert.equal(wl.evidenceIsWhitelisted(evidence(), new NetworkKnowledge()), false);
  }
});

test('flows by IP: source, destination, CIDR ranges, IPv6, DNS answers; alerts-only entries keep flows', () => {
  const cases: Array<[string, FlowRecord, boolean]> = [
    ['ip,10.0.0.1,src,flows', conn({ ts: T0, saddr: '10.0.0.1' }), true],
    ['ip,10.0.0.1,src,flows', conn({ ts: T0, saddr: '10.0.0.9', daddr: '10.0.0.1' }), false],
    ['ip,10.0.0.1,dst,flows', conn({ ts: T0, saddr: '10.0.0.9', daddr: '10.0.0.1' }), true],
    ['ip,10.0.0.1,dst,flows', conn({ ts: T0, saddr: '10.0.0.1' }), false],
    ['ip,10.0.0.1,both,both', conn({ ts: T0, saddr: '10.0.0.9', daddr: '10.0.0.1' }), true],
    ['ip,10.0.0.1,both,alerts', conn({ ts: T0, saddr: '10.0.0.1' }), false],
    ['ip,192.168.0.0/16,src,flows', conn({ ts: T0, saddr: '192.168.7.8' }), true],
    ['ip,192.168.0.0/16,src,flows', conn({ ts: T0, saddr: '192.169.7.8' }), false],
    ['ip,2001:db8::/32,dst,flows', conn({ ts: T0, daddr: '2001:db8:0:0::1' }), true],
    ['ip,2001:db8::1,dst,flows', conn({ ts: T0, daddr: '2001:0db8::0001' }), true],
    ['ip,2001:db8::1,dst,flows', conn({ ts: T0, daddr: '2001:db8::2' }), false],
    ['ip,1.2.3.4,dst,flows', dns({ ts: T0, answers: ['5.6.7.8', '1.2.3.4'] }), true],
    ['ip,1.2.3.4,src,flows', dns({ ts: T0, answers: ['1.2.3.4'] }), false],
    // Odd values never throw.
    ['ip,1.2.3.4,both,flows', conn({ ts: T0, saddr: '', daddr: 'not-an-ip', dport: 0 }), false],
  ];
  for (const [line, rec, want] of cases) assert.deepEqual(verdicts(whitelist(line), [rec]), [want], line);
});

test('flows by domain: names in the record, subdomains, and names the address was resolved from before', () => {
  const wl = whitelist('domain,example.com,dst,flows');
  assert.deepEqual(
    verdicts(wl, [
      conn({ ts: T0, daddr: '93.184.216.34' }), // not resolved yet: kept
      dns({ ts: T0 + 1, query: 'WWW.Example.com.', answers: ['93.184.216.34'] }), // names it: dropped
      conn({ ts: T0 + 2, daddr: '93.184.216.34' }), // resolved from www.example.com before: dropped
      conn({ ts: T0 + 3, saddr: '93.184.216.34', daddr: '10.0.0.1' }), // it is the source: dst entry does not apply
      dns({ ts: T0 + 4, query: 'notexample.com', answers: ['5.5.5.5'] }), // not a subdomain
      conn({ ts: T0 + 5, daddr: '5.5.5.5' }),
      http({ ts: T0 + 6, daddr: '6.6.6.6', host: 'cdn.example.com:8080' }),
      ssl({ ts: T0 + 7, daddr: '7.7.7.7', serverName: 'api.example.com' }),
      conn({ ts: T0 + 8, daddr: '7.7.7.7' }), // known by that SNI now
      ssl({ ts: T0 + 9, daddr: '8.8.4.4', subject: 'CN=mail.example.com,O=Example' }),
    ]),
    [false, true, true, false, false, false, true, true, true, true],
  );
  const src = whitelist('domain,example.com,src,flows');
  assert.deepEqual(
    verdicts(src, [
      dns({ ts: T0, query: 'www.example.com', answers: ['93.184.216.34'] }),
      conn({ ts: T0 + 1, saddr: '93.184.216.34', daddr: '10.0.0.1' }),
      conn({ ts: T0 + 2, daddr: '93.184.216.34' }),
    ]),
    [false, true, false],
  );
});

test('flows by organisation: its listed domains, like domain entries', () => {
  const wl = whitelist('organization,google,both,flows,google.com gstatic.com');
  assert.deepEqual(
    verdicts(wl, [
      dns({ ts: T0, query: 'fonts.gstatic.com', answers: ['142.250.1.1'] }),
      conn({ ts: T0 + 1, daddr: '142.250.1.1' }),
      conn({ ts: T0 + 2, daddr: '142.250.1.2' }),
      http({ ts: T0 + 3, host: 'www.google.com' }),
      http({ ts: T0 + 4, host: 'www.google.com.evil.net' }),
    ]),
    [true, true, false, true, false],
  );
});

test('flows by MAC: the record MACs, DHCP and ARP, and the MAC a local address was seen with', () => {
  const mac = 'a1:a2:a3:a4:a5:a6';
  assert.deepEqual(
    verdicts(whitelist(`mac,${mac},src,flows`), [
      conn({ ts: T0, saddr: '192.168.1.5', smac: 'A1-A2-A3-A4-A5-A6' }),
      conn({ ts: T0 + 1, saddr: '192.168.1.5' }), // no MAC in the record: the address was seen with it
      conn({ ts: T0 + 2, saddr: '192.168.1.6', dmac: mac }), // dst MAC, src entry
      dhcp({ ts: T0 + 3, smac: mac, clientAddr: '192.168.1.7' }),
      conn({ ts: T0 + 4, saddr: '192.168.1.7' }),
      arp({ ts: T0 + 5, saddr: '192.168.1.8', srcHw: mac }),
      conn({ ts: T0 + 6, saddr: '192.168.1.8' }),
      conn({ ts: T0 + 7, saddr: '8.8.8.8', smac: mac }), // the record's own MAC counts
      conn({ ts: T0 + 8, saddr: '8.8.8.8' }), // but a public address does not keep the (router's) MAC
    ]),
    [true, true, false, true, true, true, true, true, false],
  );
  assert.deepEqual(
    verdicts(whitelist(`mac,${mac},dst,flows`), [conn({ ts: T0, saddr: '192.168.1.6', dmac: mac })]),
    [true],
  );
});

test('evidence: attacker or victim on the entry side, by IP, domain, URL, MAC, SNI and known names', () => {
  const k = new NetworkKnowledge();
  k.learn(dns({ ts: T0, query: 'www.example.com', answers: ['93.184.216.34'] }));
  const cases: Array<[string, Parameters<typeof evidence>[0], boolean]> = [
    ['ip,10.0.0.1,src,alerts', { attacker: ip('10.0.0.1') }, true],
    ['ip,10.0.0.1,dst,alerts', { attacker: ip('10.0.0.1') }, false],
    ['ip,10.0.0.1,src,flows', { attacker: ip('10.0.0.1') }, false],
    ['ip,10.0.0.0/24,both,both', { attacker: ip('10.0.0.1') }, true],
    ['ip,1.2.3.4,dst,alerts', { victim: ip('1.2.3.4', 'DST') }, true],
    ['ip,1.2.3.4,src,alerts', { victim: ip('1.2.3.4', 'DST') }, false],
    ['domain,example.com,dst,alerts', { victim: ip('93.184.216.34', 'DST') }, true],
    [
      'domain,example.com,dst,alerts',
      { attacker: { direction: 'DST', iocType: 'DOMAIN', value: 'a.b.example.com' } },
      true,
    ],
    [
      'domain,example.com,dst,alerts',
      { attacker: { direction: 'DST', iocType: 'URL', value: 'http://x.example.com:81/p?q' } },
      true,
    ],
    [
      'domain,example.com,dst,alerts',
      { victim: { direction: 'DST', iocType: 'IP', value: '9.9.9.9', sni: 'example.com' } },
      true,
    ],
    ['domain,example.com,dst,alerts', { victim: ip('9.9.9.9', 'DST') }, false],
    ['organization,ex,dst,alerts,example.com', { victim: ip('93.184.216.34', 'DST') }, true],
    [
      'mac,a1:a2:a3:a4:a5:a6,both,alerts',
      { attacker: { direction: 'SRC', iocType: 'MAC', value: 'a1:a2:a3:a4:a5:a6' } },
      true,
    ],
    [
      'ip,10.0.0.1,src,alerts',
      { attacker: { direction: 'SRC', iocType: 'MD5', value: 'd41d8cd98f00b204e9800998ecf8427e' } },
      false,
    ],
  ];
  for (const [line, over, want] of cases)
    assert.equal(
      whitelist(line).evidenceIsWhitelisted(evidence(over), k),
      want,
      `${line} ${JSON.stringify(over)}`,
    );
});

test('evidence about a local address whose MAC is whitelisted', () => {
  const wl = whitelist('mac,a1:a2:a3:a4:a5:a6,src,alerts');
  const k = new NetworkKnowledge();
  assert.equal(wl.evidenceIsWhitelisted(evidence({ attacker: ip('192.168.1.5') }), k), false);
  wl.observe(conn({ ts: T0, saddr: '192.168.1.5', smac: 'a1:a2:a3:a4:a5:a6' }), k);
  assert.equal(wl.evidenceIsWhitelisted(evidence({ attacker: ip('192.168.1.5') }), k), true);
});

test('what the matcher needs: flows, alerts, observation', () => {
  const cases: Array<[string[], [boolean, boolean, boolean]]> = [
    [['ip,1.2.3.4,both,alerts'], [false, true, false]],
    [['ip,1.2.3.4,both,flows'], [true, false, false]],
    [['domain,example.com,src,both'], [true, true, true]],
    [['mac,a1:a2:a3:a4:a5:a6,dst,alerts'], [false, true, true]],
  ];
  for (const [lines, want] of cases) {
    const wl = whitelist(...lines);
    assert.deepEqual([wl.filtersFlows, wl.filtersAlerts, wl.observes], want, lines.join());
  }
});
