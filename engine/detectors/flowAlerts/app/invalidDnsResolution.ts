// INVALID_DNS_RESOLUTION (4.2.2): a DNS answer that is a private address (upstream's "private": RFC 1918,
// loopback, link-local, ...) for a name that should resolve publicly (not localhost, `.local` or
// `.arpa`): a Pi-hole style block or DNS rebinding. One evidence per such answer.
//
// Upstream also deletes the answer from its DNS cache so the IP is not tied to that name; the shared
// NetworkKnowledge here is owned by the engine and is left as it is (the only reader that would care,
// CONNECTION_WITHOUT_DNS, looks at public destinations only).
import type { FlowRecord } from '../../../flow';
import { isValidIp } from '../../../net/ip';
import type { DetectorContext } from '../../detector';
import type { RoutedDetector } from './router';
import { makeEvidence } from '../../makeEvidence';
import { isPrivate } from '../conn/addresses';
import { FLOW_ALERTS, domainParty, srcParty } from './common';

const LOCALHOST = 'localhost';

export class InvalidDnsResolution implements RoutedDetector {
  readonly name = FLOW_ALERTS;
  readonly kinds = ['dns'] as const;

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'dns' || ctx.role !== 'Client' || rec.answers.length === 0) return;
    const q = rec.query;
    if (q === LOCALHOST || q.endsWith('.local') || q.endsWith('.arpa')) return;
    for (const answer of rec.answers) {
      if (!isPrivate(answer) || !isValidIp(answer)) continue;
      ctx.emit(
        makeEvidence({
          type: 'INVALID_DNS_RESOLUTION',
          description: `Invalid DNS answer. The DNS query ${q} was resolved to the private IP: ${answer}`,
          attacker: srcParty(rec.saddr),
          victim: domainParty(q, 'DST'),
          threatLevel: 'info',
          confidence: 0.8,
          tw: ctx.tw,
          uids: [rec.uid],
          timestamp: rec.ts,
          proto: rec.proto,
          srcPort: rec.sport,
          dstPort: rec.dport,
          module: FLOW_ALERTS,
          facts: { query: q, answer },
        }),
      );
    }
  }
}
