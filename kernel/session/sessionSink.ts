// The kernel's output sink: keeps what queries need after the engine has moved on. The engine drops a
// window's detail when it closes, so what views read later — the records, the DNS names each
// connection's peer had when it arrived, and the application record (dns/http/ssl/ssh) the window
// joined to each connection by uid, exactly as the timeline does at close — is kept here as it goes by. Window features and letters are
// not kept: views fold them again from the kept connections with the engine's own functions.
import type { ConnRecord, FlowKind, FlowRecord } from '../../engine/flow';
import type { Alert, Evidence } from '../../engine/evidence/types';
import type { OutputSink } from '../../engine/output/sink';
import type { Profile, Role, TimeWindow } from '../../engine/profiler/types';
import type { Summary } from '../../engine/summary';
import { DnsResolutions } from '../../engine/output/timeline/dnsResolutions';
import { isAltRecord, type AltRecord } from '../../engine/output/timeline/altInfo';
import { ConnTable } from './connTable';

export type OtherKind = Exclude<FlowKind, 'conn'>;

export class SessionSink implements OutputSink {
  readonly conn = new ConnTable();
  /** Every other record kind, as read. They are far fewer than connections. */
  readonly others = new Map<OtherKind, FlowRecord[]>();
  /** The same records in input order, each with the number of connections read before it: with the
   *  connection rows this gives back the input order, so `detect` can replay the input exactly. */
  readonly othersInOrder: FlowRecord[] = [];
  readonly connsBefore: number[] = [];
  /** Per connection row and role: the names its peer was resolved from when it arrived, and the
   *  application record its window held with the same uid when it closed (sparse arrays). */
  readonly namesAs: Record<Role, (readonly string[] | undefined)[]> = { Client: [], Server: [] };
  readonly altAs: Record<Role, (AltRecord | undefined)[]> = { Client: [], Server: [] };
  readonly evidenceList: Evidence[] = [];
  readonly alertList: Alert[] = [];
  summary: Summary | undefined;

  private readonly dns = new DnsResolutions();
  private lastDns: FlowRecord | undefined;
  /** The row of each connection still held by an open window (the profiler hands back the same objects). */
  private readonly rowOf = new WeakMap<ConnRecord, number>();

  records(batch: readonly FlowRecord[]): void {
    for (const rec of batch) {
      if (rec.kind === 'conn') {
        this.rowOf.set(rec, this.conn.add(rec));
        continue;
      }
      this.othersInOrder.push(rec);
      this.connsBefore.push(this.conn.length);
      let list = this.others.get(rec.kind);
      if (!list) {
        list = [];
        this.others.set(rec.kind, list);
      }
      list.push(rec);
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
    if (row === undefined) return;
    const names = this.dns.of(role === 'Client' ? rec.daddr : rec.saddr);
    if (names) this.namesAs[role][row] = names;
  }

  onWindowClosed(tw: TimeWindow): void {
    const d = tw.detail;
    if (!d || d.flows.length === 0 || d.altFlows.length === 0) return;
    const alts = new Map<string, AltRecord>();
    for (const r of d.altFlows) if (isAltRecord(r) && r.uid && !alts.has(r.uid)) alts.set(r.uid, r);
    for (const rec of d.flows) {
      const alt = alts.get(rec.uid);
      const row = alt && this.rowOf.get(rec);
      if (row === undefined) continue;
      // The profiler put the flow in this window as Client when the profile is its source.
      this.altAs[rec.saddr === tw.profileIp ? 'Client' : 'Server'][row] = alt;
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
