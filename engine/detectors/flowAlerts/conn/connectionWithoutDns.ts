// CONNECTION_WITHOUT_DNS (4.2.2): a connection to a public address that no DNS answer resolved.
// Skipped for DNS/ICMP services, DHCP servers, DoH servers and local client addresses.
//
// Traffic time throughout (quirk Q16 fixed): an answer counts when it was seen within the 24 hours
// before the connection, and upstream's 15-second second look becomes a deadline: a candidate is
// settled once the traffic passes its start + 15 s, so an answer logged just after the connection
// (dns.log and conn.log merged by time) still clears it.
//
// Upstream skips single Zeek log-file input (no dns.log to ask). Here the same question is answered
// from the traffic: candidates are only settled once at least one DNS record has been seen; if the
// input ends without any, they are dropped. That covers a lone conn.log and also Argus/nfdump input,
// which carries no DNS answers at all. While no DNS record has been seen, at most MAX_HELD candidates
// wait (a long conn.log alone would otherwise hold every public connection until its end).
//
// Decided differently: one evidence per destination and window instead of one per flow
// (oncePerWindow.ts); the candidate is the window's first unresolved connection to it.
//
// Not done (needs enrichment): upstream's well-known-organisation exemption (SNI/rDNS/ASN of
// Google, Microsoft, ...). The "other IP version resolved it" exemption is covered
// because resolutions are kept for the whole network, not per host.
import type { FlowRecord } from '../../../flow';
import type { TimeWindow } from '../../../profiler/types';
import type { Detector, DetectorContext } from '../../detector';
import { makeEvidence } from '../../makeEvidence';
import type { NetworkKnowledge } from '../../networkKnowledge';
import { isIgnoredIp } from './addresses';
import { FLOW_ALERTS, dstParty, srcParty } from './common';
import { DeadlineQueue } from './deadlineQueue';
import { OncePerWindow } from './oncePerWindow';

/** Seconds upstream waits for a late DNS answer before deciding. */
const DNS_WAIT = 15;
/** How far back an answer counts: upstream's "resolved in the last 24 h". */
const RESOLVED_WITHIN = 24 * 3600;
/** Candidates kept while no DNS record has been seen yet. */
const MAX_HELD = 50_000;

interface Candidate {
  ts: number;
  uid: string;
  saddr: string;
  daddr: string;
  sport: number;
  dport: number;
  proto: string;
  tw: TimeWindow;
}

type Emit = DetectorContext['emit'];

export class ConnectionWithoutDns implements Detector {
  readonly name = FLOW_ALERTS;
  private now = -Infinity;
  private dnsSeen = false;
  private readonly waiting = new DeadlineQueue<Candidate>();
  private held: Candidate[] = [];
  private readonly once = new OncePerWindow();
  /** Candidates dropped because MAX_HELD was reached before any DNS record arrived. */
  droppedWhileWaitingForDns = 0;

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.ts > this.now) this.now = rec.ts;
    if (rec.kind === 'dns' && !this.dnsSeen) {
      this.dnsSeen = true;
      for (const c of this.held) this.settle(c, ctx.knowledge, ctx.emit);
      this.held = [];
    }
    if (this.waiting.size > 0)
      this.waiting.settleDue(this.now, (c) => this.settle(c, ctx.knowledge, ctx.emit));
    if (rec.kind !== 'conn' || ctx.role !== 'Client' || !Number.isFinite(rec.ts)) return;
    if (rec.appproto === 'dns' || rec.appproto === 'icmp') return;
    const daddr = rec.daddr;
    const k = ctx.knowledge;
    if (isIgnoredIp(daddr) || k.dhcpServers.has(daddr) || k.dohServers.has(daddr)) return;
    // The learnt local network is private, so only configured client_ips can make a public address local.
    if (ctx.config.clientIps.length > 0 && k.isLocal(daddr)) return;
    if (resolved(k, daddr, rec.ts)) return;
    if (!this.dnsSeen && this.held.length >= MAX_HELD) {
      this.droppedWhileWaitingForDns++;
      return;
    }
    // Once per destination and window: a later connection to it is resolved exactly when this one is.
    if (!this.once.first(ctx.tw, daddr)) return;
    this.waiting.push(rec.ts + DNS_WAIT, {
      ts: rec.ts,
      uid: rec.uid,
      saddr: rec.saddr,
      daddr,
      sport: rec.sport,
      dport: rec.dport,
      proto: rec.proto,
      tw: ctx.tw,
    });
  }

  onWindowClosed(tw: TimeWindow): void {
    this.once.forget(tw);
  }

  onEnd(ctx: Pick<DetectorContext, 'knowledge' | 'emit'>): void {
    this.waiting.drain((c) => this.settle(c, ctx.knowledge, ctx.emit));
    if (this.dnsSeen) for (const c of this.held) this.settle(c, ctx.knowledge, ctx.emit);
    this.held = [];
  }

  private settle(c: Candidate, k: NetworkKnowledge, emit: Emit): void {
    if (!this.dnsSeen) {
      if (this.held.length < MAX_HELD) this.held.push(c);
      else this.droppedWhileWaitingForDns++;
      return;
    }
    // The ssl record that shows a DoH server usually comes a moment after its connection.
    if (resolved(k, c.daddr, c.ts) || k.dohServers.has(c.daddr)) return;
    emit(
      makeEvidence({
        type: 'CONNECTION_WITHOUT_DNS',
        description: `A connection without DNS resolution to IP: ${c.daddr}`,
        attacker: srcParty(c.saddr),
        victim: dstParty(c.daddr),
        threatLevel: 'info',
        confidence: 0.8,
        tw: c.tw,
        uids: [c.uid],
        timestamp: c.ts,
        proto: c.proto,
        srcPort: c.sport,
        dstPort: c.dport,
        module: FLOW_ALERTS,
        facts: { waitedSeconds: DNS_WAIT, lookbackSeconds: RESOLVED_WITHIN },
      }),
    );
  }
}

/** An answer with the address seen in [ts − 24 h, ts + 15 s] (the first and latest answers bound it). */
function resolved(k: NetworkKnowledge, ip: string, ts: number): boolean {
  const r = k.resolution(ip);
  return r !== undefined && r.firstTs <= ts + DNS_WAIT && r.lastTs >= ts - RESOLVED_WITHIN;
}
