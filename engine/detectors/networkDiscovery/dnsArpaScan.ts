// DNS ARPA scan (slips-behaviour.md 4.2.2, flow_alerts' DNS analyzer): one host asks the reverse names
// (`*.in-addr.arpa`) of 10 or more different addresses within 2 s of traffic time, i.e. it maps a
// network by reverse DNS. Medium, confidence 0.7; the count starts again after each evidence.
// Upstream keeps one list per host for the whole run and measures from its first query, so after one slow
// burst it never fires again; here the 2 s are a sliding window, kept per time window.
import type { FlowRecord } from '../../flow';
import type { TimeWindow } from '../../profiler/types';
import type { Detector, DetectorContext } from '../detector';
import { ipParty } from '../makeEvidence';
import { makeEvidence } from '../makeEvidence';
import { PerWindow } from './perWindow';

/** Upstream `arpa_scan_threshold`: distinct reverse queries. */
const ARPA_SCAN_THRESHOLD = 10;
/** ...within this many seconds. */
const ARPA_SCAN_SECONDS = 2;
const CONFIDENCE = 0.7;
const ARPA_SUFFIX = '.in-addr.arpa';

interface Query {
  ts: number;
  uid: string;
}

export class DnsArpaScan implements Detector {
  /** Upstream runs it in flow_alerts, so `modules.disable: [flow_alerts]` turns it off. */
  readonly name = 'flow_alerts';
  /** Per window: reverse query → its latest time and uid, oldest first. */
  private readonly recent = new PerWindow<Map<string, Query>>(() => new Map());

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'dns' || ctx.role !== 'Client' || !isReverseV4(rec.query)) return;
    const q = this.recent.of(ctx.tw);
    const from = rec.ts - ARPA_SCAN_SECONDS;
    for (const [name, e] of q) {
      if (e.ts >= from) break;
      q.delete(name);
    }
    q.delete(rec.query);
    q.set(rec.query, { ts: rec.ts, uid: rec.uid });
    if (q.size < ARPA_SCAN_THRESHOLD) return;
    const uids = [...q.values()].map((e) => e.uid);
    q.clear();
    ctx.emit(
      makeEvidence({
        type: 'DNS_ARPA_SCAN',
        description: `Doing DNS ARPA scan. Scanned ${ARPA_SCAN_THRESHOLD} hosts within ${ARPA_SCAN_SECONDS} seconds.`,
        attacker: ipParty(ctx.tw.profileIp, 'SRC'),
        threatLevel: 'medium',
        confidence: CONFIDENCE,
        tw: ctx.tw,
        uids,
        timestamp: rec.ts,
        proto: rec.proto,
        module: this.name,
        facts: { reverseQueries: uids.length, seconds: ARPA_SCAN_SECONDS },
      }),
    );
  }

  onWindowClosed(tw: TimeWindow): void {
    this.recent.drop(tw);
  }
}

/** `*.in-addr.arpa`, in any letter case (DNS names are case-insensitive). */
function isReverseV4(query: string): boolean {
  const n = query.length;
  if (n <= ARPA_SUFFIX.length || (query.charCodeAt(n - 1) | 0x20) !== 97) return false;
  return query.endsWith(ARPA_SUFFIX) || query.slice(n - ARPA_SUFFIX.length).toLowerCase() === ARPA_SUFFIX;
}
