// What a saved analysis needs beyond the store, kept while the run goes: the records in input order
// (the store releases a window's flows when it closes), and for each connection the DNS names its peer
// had when it arrived and the application record its window joined to it by uid — the same facts the
// notebook kernel keeps, so queries, timelines and `detect` on a reopened snapshot give what they gave
// on the live load. Attached only when a snapshot is asked for: it holds every record of the run.
import type { ConnRecord, FlowRecord } from '../../flow';
import type { Alert, Evidence } from '../../evidence/types';
import type { OutputSink } from '../../output/sink';
import type { Profile, Role, TimeWindow } from '../../profiler/types';
import type { Summary } from '../../summary';
import { DnsResolutions } from '../../output/timeline/dnsResolutions';
import { isAltRecord, type AltRecord } from '../../output/timeline/altInfo';

export class SnapshotSink implements OutputSink {
  readonly kept: FlowRecord[] = [];
  /** Per role: connection row → names of its peer when it arrived (rows count connections only). */
  readonly names: Record<Role, Map<number, readonly string[]>> = { Client: new Map(), Server: new Map() };
  /** Per role: connection row → index in `kept` of the application record joined to it. */
  readonly alts: Record<Role, Map<number, number>> = { Client: new Map(), Server: new Map() };
  readonly evidenceList: Evidence[] = [];
  readonly alertList: Alert[] = [];
  summary: Summary | undefined;

  private conns = 0;
  private readonly rowOf = new WeakMap<ConnRecord, number>();
  private readonly indexOf = new WeakMap<FlowRecord, number>();
  private readonly dns = new DnsResolutions();
  private lastDns: FlowRecord | undefined;

  records(batch: readonly FlowRecord[]): void {
    for (const rec of batch) {
      this.indexOf.set(rec, this.kept.length);
      this.kept.push(rec);
      if (rec.kind === 'conn') this.rowOf.set(rec, this.conns++);
    }
  }

  onRecord(rec: FlowRecord, _profile: Profile, _tw: TimeWindow, role: Role): void {
    if (rec.kind === 'dns') {
      if (rec !== this.lastDns) this.dns.learn(rec);
      this.lastDns = rec;
      return;
    }
    if (rec.kind !== 'conn') return;
    const row = this.rowOf.get(rec);
    const names = row === undefined ? undefined : this.dns.of(role === 'Client' ? rec.daddr : rec.saddr);
    if (names) this.names[role].set(row!, names);
  }

  onWindowClosed(tw: TimeWindow): void {
    const d = tw.detail;
    if (!d || d.flows.length === 0 || d.altFlows.length === 0) return;
    const alts = new Map<string, AltRecord>();
    for (const r of d.altFlows) if (isAltRecord(r) && r.uid && !alts.has(r.uid)) alts.set(r.uid, r);
    for (const rec of d.flows) {
      const alt = alts.get(rec.uid);
      const row = alt && this.rowOf.get(rec);
      const at = alt && this.indexOf.get(alt);
      if (row === undefined || at === undefined) continue;
      this.alts[rec.saddr === tw.profileIp ? 'Client' : 'Server'].set(row, at);
    }
  }

  evidence(e: Evidence): void {
    this.evidenceList.push(e);
  }

  alert(a: Alert): void {
    this.alertList.push(a);
  }

  async close(summary: Summary): Promise<void> {
    this.summary = summary;
  }
}
