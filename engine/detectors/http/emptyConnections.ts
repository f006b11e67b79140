// EMPTY_CONNECTIONS (4.2.6): malware checks that the Internet is reachable by requesting `/` with an
// empty body from well-known search and mail sites. Every 4th such request to the same site makes an
// evidence, and the count starts again.
//
// Decided differently: upstream keeps one counter per site for all hosts together, so four hosts'
// single requests would accuse the fourth; here the count is per source host and site.
import type { FlowRecord } from '../../flow';
import { isValidIp } from '../../net/ip';
import type { DetectorContext } from '../detector';
import type { RoutedDetector } from '../flowAlerts/app/router';
import { ipParty, makeEvidence } from '../makeEvidence';
import { BoundedMap } from '../flowAlerts/app/common';
import { HTTP_ANALYZER } from './common';

/** Empty requests to one site that make an evidence. */
const EMPTY_CONNECTIONS_THRESHOLD = 4;
/** Sites malware contacts to test connectivity (and their `www.` names). */
const CONNECTIVITY_HOSTS = [
  'bing.com',
  'google.com',
  'yandex.com',
  'yahoo.com',
  'duckduckgo.com',
  'gmail.com',
];
const MAX_COUNTERS = 100_000;

export class EmptyConnections implements RoutedDetector {
  readonly name = HTTP_ANALYZER;
  readonly kinds = ['http'] as const;
  /** `<saddr>|<site>` → uids of the empty requests since the last evidence. */
  private readonly counts = new BoundedMap<string, string[]>(MAX_COUNTERS);

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'http' || ctx.role !== 'Client' || rec.uri !== '/' || rec.requestBodyLen !== 0) return;
    if (!rec.host || isValidIp(rec.host)) return;
    const site = CONNECTIVITY_HOSTS.find((h) => rec.host === h || rec.host === `www.${h}`);
    if (!site) return;
    const key = `${rec.saddr}|${site}`;
    let uids = this.counts.get(key);
    if (!uids) {
      uids = [];
      this.counts.set(key, uids);
    }
    uids.push(rec.uid);
    if (uids.length !== EMPTY_CONNECTIONS_THRESHOLD) return;
    this.counts.delete(key);
    ctx.emit(
      makeEvidence({
        type: 'EMPTY_CONNECTIONS',
        description: `Multiple empty HTTP connections to ${site}`,
        attacker: ipParty(rec.saddr, 'SRC'),
        victim: { direction: 'DST', iocType: 'DOMAIN', value: site },
        threatLevel: 'medium',
        confidence: 1,
        tw: ctx.tw,
        uids,
        timestamp: rec.ts,
        proto: rec.proto,
        dstPort: rec.dport,
        module: HTTP_ANALYZER,
        facts: { requests: uids.length, threshold: EMPTY_CONNECTIONS_THRESHOLD },
      }),
    );
  }
}
