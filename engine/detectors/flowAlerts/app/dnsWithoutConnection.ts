// DNS_WITHOUT_CONNECTION (4.2.2): a host resolved a name (A/AAAA, NOERROR, with answers) and then
// contacted none of the answers in the window: not the answer IPs, not earlier resolutions of the same
// name, not the IPs of the CNAMEs in the answer. Reverse lookups, `.local`, wildcards, Team Cymru
// (ASN lookups), single-label names and WPAD are not expected to be followed by a connection.
//
// Upstream re-checks after 10, 20 and 30 minutes of traffic time and reports after 30; the re-checks
// only free memory early, the outcome is the 30-minute one. Here a query that has no connection yet
// waits until traffic passes its time + 30 min, its window closes, or the input ends, whichever comes
// first, and is then judged against every connection its window has by then. Pending queries belong
// to their window, so memory follows the open windows.
//
// Not done: upstream also accepts a connection made by the same machine under its other IP version
// (host identity from MAC bindings), and waits 30 minutes after start when running live.
import type { DnsRecord, FlowRecord } from '../../../flow';
import { isValidIp } from '../../../net/ip';
import type { TimeWindow } from '../../../profiler/types';
import { windowBehaviour } from '../../../profiler/windowBehaviour';
import type { DetectorContext } from '../../detector';
import type { RoutedDetector } from './router';
import { makeEvidence } from '../../makeEvidence';
import { DeadlineQueue } from '../conn/deadlineQueue';
import { BoundedMap, FLOW_ALERTS, PerWindow, domainParty, srcParty } from './common';

/** Traffic time a resolution waits for its connection (upstream's last re-check). */
const CONNECTION_WAIT = 30 * 60;
/** Names whose answers are remembered, and IPs kept per name (the newest). */
const MAX_NAMES = 200_000;
const MAX_IPS_PER_NAME = 16;

type Emit = DetectorContext['emit'];

interface Pending {
  rec: DnsRecord;
  tw: TimeWindow;
  done: boolean;
}

export class DnsWithoutConnection implements RoutedDetector {
  readonly name = FLOW_ALERTS;
  readonly kinds = ['*'] as const;
  private now = -Infinity;
  private readonly deadlines = new DeadlineQueue<Pending>();
  private readonly pending = new PerWindow<Pending[]>(() => []);
  /** Name → IPs DNS answered for it (directly or through a CNAME), from every host's queries. */
  private readonly resolved = new BoundedMap<string, string[]>(MAX_NAMES);

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.ts > this.now) this.now = rec.ts;
    if (this.deadlines.size > 0) this.deadlines.settleDue(this.now, (p) => this.settle(p, ctx.emit));
    if (rec.kind !== 'dns' || ctx.role !== 'Client') return;
    this.remember(rec);
    if (!expectsConnection(rec) || this.contacted(rec, ctx.tw)) return;
    const p: Pending = { rec, tw: ctx.tw, done: false };
    this.deadlines.push(rec.ts + CONNECTION_WAIT, p);
    this.pending.of(ctx.tw).push(p);
  }

  onWindowClosed(tw: TimeWindow, ctx: Pick<DetectorContext, 'emit'>): void {
    for (const p of this.pending.drop(tw) ?? []) this.settle(p, ctx.emit);
  }

  onEnd(ctx: Pick<DetectorContext, 'emit'>): void {
    this.deadlines.drain((p) => this.settle(p, ctx.emit));
  }

  private settle(p: Pending, emit: Emit): void {
    if (p.done) return;
    p.done = true;
    const { rec, tw } = p;
    if (this.contacted(rec, tw)) return;
    emit(
      makeEvidence({
        type: 'DNS_WITHOUT_CONNECTION',
        description: `domain ${rec.query} resolved with no connection`,
        attacker: srcParty(rec.saddr),
        victim: domainParty(rec.query, 'DST'),
        threatLevel: 'info',
        confidence: 0.8,
        tw,
        uids: [rec.uid],
        timestamp: rec.ts,
        proto: rec.proto,
        srcPort: rec.sport,
        dstPort: rec.dport,
        module: FLOW_ALERTS,
        facts: { query: rec.query, answers: rec.answers.length, waitedSeconds: CONNECTION_WAIT },
      }),
    );
  }

  /** Did the querying host connect, in the query's window, to anything the name resolved to? */
  private contacted(rec: DnsRecord, tw: TimeWindow): boolean {
    const dst = windowBehaviour(tw)?.dstIps;
    // A window already gone cannot be judged; say nothing rather than guess.
    if (!dst) return true;
    for (const a of rec.answers) {
      if (isValidIp(a) ? dst.has(a) : this.anyContacted(a, dst)) return true;
    }
    return this.anyContacted(rec.query, dst);
  }

  private anyContacted(name: string, dst: Map<string, number>): boolean {
    const ips = this.resolved.get(name);
    if (ips) for (const ip of ips) if (dst.has(ip)) return true;
    return false;
  }

  /** Every answer IP resolves the query and each CNAME of the same answer. */
  private remember(rec: DnsRecord): void {
    if (rec.answers.length === 0) return;
    let names: string[] | undefined;
    for (const a of rec.answers) {
      if (!isValidIp(a)) {
        if (a && a !== '-' && !a.includes(' ')) (names ??= []).push(a);
        continue;
      }
      this.add(rec.query, a);
      if (names) for (const n of names) this.add(n, a);
    }
  }

  private add(name: string, ip: string): void {
    const ips = this.resolved.get(name);
    if (!ips) {
      this.resolved.set(name, [ip]);
      return;
    }
    if (ips.includes(ip)) return;
    ips.push(ip);
    if (ips.length > MAX_IPS_PER_NAME) ips.shift();
  }
}

/** Upstream's should_detect_dns_without_conn, without the live-capture rules. */
function expectsConnection(rec: DnsRecord): boolean {
  const q = rec.query;
  return !(
    q.includes('arpa') ||
    q.includes('.local') ||
    (rec.qtypeName !== 'A' && rec.qtypeName !== 'AAAA') ||
    q.includes('*') ||
    q.slice(-10).includes('.cymru.com') ||
    !q.includes('.') ||
    q === 'WPAD' ||
    rec.rcodeName !== 'NOERROR' ||
    rec.answers.length === 0
  );
}
