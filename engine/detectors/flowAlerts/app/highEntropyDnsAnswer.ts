// HIGH_ENTROPY_DNS_ANSWER (4.2.2): a TXT answer whose Shannon entropy (bits per character over the
// whole answer text) reaches `entropy_threshold` (5): encoded or encrypted data carried in DNS. Two
// linked evidence, as upstream: the answering server (destination, medium) and the querying host
// (source, low). Multicast sources (mDNS devices announcing themselves) are skipped, as upstream.
import type { FlowRecord } from '../../../flow';
import type { DetectorContext } from '../../detector';
import type { RoutedDetector } from './router';
import { makeEvidence } from '../../makeEvidence';
import { isMulticast } from '../conn/addresses';
import { FLOW_ALERTS, dstParty, link, round2, srcParty } from './common';

export class HighEntropyDnsAnswer implements RoutedDetector {
  readonly name = FLOW_ALERTS;
  readonly kinds = ['dns'] as const;

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'dns' || ctx.role !== 'Client' || rec.answers.length === 0) return;
    if (isMulticast(rec.saddr)) return;
    const threshold = ctx.config.flowAlerts.entropyThreshold;
    for (const answer of rec.answers) {
      if (!answer.includes('TXT')) continue;
      const entropy = shannonEntropy(answer);
      if (!(entropy >= threshold)) continue;
      const common = {
        type: 'HIGH_ENTROPY_DNS_ANSWER' as const,
        description: `A DNS TXT answer with high entropy. query: ${rec.query} answer: "${answer}" entropy: ${round2(entropy)} `,
        confidence: 0.6,
        tw: ctx.tw,
        uids: [rec.uid],
        timestamp: rec.ts,
        proto: rec.proto,
        srcPort: rec.sport,
        dstPort: rec.dport,
        module: FLOW_ALERTS,
        facts: { entropy: Math.round(entropy * 1e4) / 1e4, threshold, query: rec.query },
      };
      const [byServer, byClient] = link(
        makeEvidence({
          ...common,
          attacker: dstParty(rec.daddr),
          victim: srcParty(rec.saddr),
          threatLevel: 'medium',
        }),
        makeEvidence({
          ...common,
          attacker: srcParty(rec.saddr),
          victim: dstParty(rec.daddr),
          threatLevel: 'low',
        }),
      );
      ctx.emit(byServer);
      ctx.emit(byClient);
    }
  }
}

/** Shannon entropy in bits per character (code point) of `s`. */
export function shannonEntropy(s: string): number {
  const counts = new Map<string, number>();
  let n = 0;
  for (const ch of s) {
    counts.set(ch, (counts.get(ch) ?? 0) + 1);
    n++;
  }
  let h = 0;
  for (const c of counts.values()) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}
