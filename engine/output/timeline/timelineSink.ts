// The timeline of every profile (4.1.6 / 4.2.11), built when a window closes from the window's own
// connections, so the application-layer records of the window (DNS, HTTP, SSL, SSH) can be joined by
// uid whichever came first in the input. The DNS names of a peer are taken when its connection arrives,
// from the DNS answers seen before it in input order, so the result does not depend on how the input
// was cut into batches. Entries go to consumers (timeline.jsonl, the per-profile text timeline) in flow
// time order.
import type { ConnRecord, FlowRecord } from '../../flow';
import { interpretState } from '../../profiler/state';
import type { InterpretedState, Profile, Role, TimeWindow } from '../../profiler/types';
import type { OutputSink } from '../sink';
import { buildActivity, type ActivityOptions, type TimelineEntry } from './activity';
import { isAltRecord, type AltRecord } from './altInfo';
import { DnsResolutions } from './dnsResolutions';

export interface TimelineConsumer {
  /** The entries of one closed window of one profile, in flow time order. */
  window(profileIp: string, tw: TimeWindow, entries: readonly TimelineEntry[]): void;
  close(): void | Promise<void>;
}

function byTs(a: ConnRecord, b: ConnRecord): number {
  return a.ts - b.ts;
}

function sortedByTime(flows: readonly ConnRecord[]): readonly ConnRecord[] {
  for (let i = 1; i < flows.length; i++)
    // Array.prototype.sort is stable, so flows with the same timestamp keep their input order.
    if (flows[i]!.ts < flows[i - 1]!.ts) return flows.slice().sort(byTs);
  return flows;
}

export class TimelineSink implements OutputSink {
  private readonly dns = new DnsResolutions();
  /** Names the peer was resolved from when the connection arrived, for connections that had any.
   *  One map per role: a connection is a Client flow of its source and a Server flow of its destination. */
  private readonly names: Record<Role, WeakMap<ConnRecord, readonly string[]>> = {
    Client: new WeakMap(),
    Server: new WeakMap(),
  };
  /** The profiler reports a record once per profile it joined; DNS answers are learnt once. */
  private lastDns: FlowRecord | undefined;

  constructor(
    private readonly consumers: readonly TimelineConsumer[],
    private readonly opts: ActivityOptions,
  ) {}

  onRecord(rec: FlowRecord, _profile: Profile, _tw: TimeWindow, role: Role): void {
    if (rec.kind === 'dns') {
      if (rec !== this.lastDns) this.dns.learn(rec);
      this.lastDns = rec;
      return;
    }
    if (rec.kind !== 'conn') return;
    const names = this.dns.of(role === 'Client' ? rec.daddr : rec.saddr);
    if (names) this.names[role].set(rec, names);
  }

  onWindowClosed(tw: TimeWindow, profile: Profile): void {
    const d = tw.detail;
    if (!d || d.flows.length === 0) return;
    const alts = new Map<string, AltRecord>();
    for (const r of d.altFlows) if (isAltRecord(r) && r.uid && !alts.has(r.uid)) alts.set(r.uid, r);
    const entries: TimelineEntry[] = [];
    const place = { profile: profile.ip, timewindow: tw.number };
    for (const rec of sortedByTime(d.flows)) {
      // The profiler put the flow in this window as Client when the profile is its source.
      const role: Role = rec.saddr === tw.profileIp ? 'Client' : 'Server';
      const state: InterpretedState = interpretState(rec.state, rec.spkts + rec.dpkts, rec.source);
      const pending = { rec, role, state, names: this.names[role].get(rec) };
      const activity = buildActivity(pending, alts.get(rec.uid), this.opts, place);
      entries.push({ ts: rec.ts, activity });
    }
    for (const c of this.consumers) c.window(profile.ip, tw, entries);
  }

  async close(): Promise<void> {
    for (const c of this.consumers) await c.close();
  }
}
