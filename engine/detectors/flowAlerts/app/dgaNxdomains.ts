// DGA_NXDOMAINS (4.2.2): a host failing to resolve many different names in one window, as malware
// walking a domain-generation algorithm does. Different NXDOMAIN names are counted per profile and
// window (reverse lookups and `.local` ignored); at 10 and every further multiple of 5 an evidence is
// raised and the count starts again.
//
// Decided differently: upstream means to count distinct names, but its membership test looks into the
// (names, uids) pair instead of the names, so every NXDOMAIN answer counts; here names are distinct, as
// the reference describes. Upstream also skips whitelisted domains; there is no whitelist here yet.
import type { FlowRecord } from '../../../flow';
import type { TimeWindow } from '../../../profiler/types';
import type { DetectorContext } from '../../detector';
import type { RoutedDetector } from './router';
import { makeEvidence } from '../../makeEvidence';
import { FLOW_ALERTS, PerWindow, srcParty } from './common';

/** NXDOMAINs that make the first evidence; afterwards every multiple of STEP does. */
const NXDOMAIN_THRESHOLD = 10;
const STEP = 5;

interface Failed {
  names: Set<string>;
  uids: string[];
}

export class DgaNxdomains implements RoutedDetector {
  readonly name = FLOW_ALERTS;
  readonly kinds = ['dns'] as const;
  private readonly failed = new PerWindow<Failed>(() => ({ names: new Set(), uids: [] }));

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'dns' || ctx.role !== 'Client' || !rec.rcodeName.includes('NXDOMAIN')) return;
    const q = rec.query;
    if (!q || q.endsWith('.arpa') || q.endsWith('.local')) return;
    const f = this.failed.of(ctx.tw);
    if (f.names.has(q)) return;
    f.names.add(q);
    f.uids.push(rec.uid);
    const n = f.names.size;
    if (n < NXDOMAIN_THRESHOLD || n % STEP !== 0) return;
    ctx.emit(
      makeEvidence({
        type: 'DGA_NXDOMAINS',
        description: `Possible DGA or domain scanning. ${rec.saddr} failed to resolve ${n} different domains`,
        attacker: srcParty(rec.saddr),
        threatLevel: 'high',
        // Upstream's scale: 1 at 100 different names (makeEvidence caps it at 1).
        confidence: Math.max(0, Math.round(((n - 100) / 100 + 1) * 100) / 100),
        tw: ctx.tw,
        uids: f.uids,
        timestamp: rec.ts,
        proto: rec.proto,
        module: FLOW_ALERTS,
        facts: { nxdomains: n, threshold: NXDOMAIN_THRESHOLD },
      }),
    );
    f.names = new Set();
    f.uids = [];
  }

  onWindowClosed(tw: TimeWindow): void {
    this.failed.drop(tw);
  }
}
