// Kalipso over an analysis running (or finished) in this process: profiles, windows and evidence from
// the engine's store, timelines and tables from the collector. While the analysis runs, each call
// shows what exists so far, so `o` (or the periodic refresh) shows the analysis growing.
import type { Evidence } from '../evidence/types';
import type { TimelineEntry } from '../output/timeline/activity';
import type { Profile } from '../profiler/types';
import type { Store } from '../store/store';
import type { KalipsoCollector } from './collector';
import { compareIps } from './ipOrder';
import type { KalipsoSource, ProfileNode, WindowNode, WindowTables } from './source';
import type { IpGeoLookup } from '../enrich/geo/ipGeo';
import { addPeerGeo } from './peerGeo';

/** What the run tells the source about its progress. */
export interface RunState {
  finished: boolean;
  records: number;
  problems: number;
}

export class AnalysisSource implements KalipsoSource {
  constructor(
    readonly title: string,
    private readonly store: Store,
    private readonly collector: KalipsoCollector,
    private readonly run: RunState,
    /** Fills the tuple views' asn/geo columns. */
    private readonly geo?: IpGeoLookup,
  ) {}

  status(): string {
    const s = this.collector.summary;
    const problems = this.run.problems ? `, ${this.run.problems} problems` : '';
    if (!this.run.finished || !s)
      return `analysing: ${this.run.records} records, ${this.store.profileCount} profiles${problems}`;
    return (
      `${s.profiles} profiles, ${s.timewindows} TWs, ${s.evidence} evidence, ${s.alerts} alerts, ` +
      `${s.records_parsed} records (${s.input_format})${problems}`
    );
  }

  async profiles(): Promise<ProfileNode[]> {
    const out: ProfileNode[] = [];
    for (const p of this.store.profiles()) out.push(profileNode(p));
    return out.sort((a, b) => compareIps(a.ip, b.ip));
  }

  async facts(ip: string): Promise<[string, string][]> {
    const p = this.store.getProfile(ip);
    return p ? [...p.info].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : [];
  }

  async timeline(ip: string, tw: number): Promise<readonly TimelineEntry[] | undefined> {
    const win = this.store.getProfile(ip)?.windows.get(tw);
    if (!win || !win.closed) return undefined;
    return this.collector.entries(ip, tw) ?? [];
  }

  async evidence(ip: string, tw?: number): Promise<readonly Evidence[]> {
    const p = this.store.getProfile(ip);
    if (!p) return [];
    if (tw !== undefined) return p.windows.get(tw)?.evidence.slice() ?? [];
    const numbers = [...p.windows.keys()].sort((a, b) => a - b);
    return numbers.flatMap((n) => p.windows.get(n)!.evidence);
  }

  async tables(ip: string, tw: number): Promise<WindowTables | undefined> {
    const win = this.store.getProfile(ip)?.windows.get(tw);
    const t = win?.closed ? this.collector.tables(ip, tw) : undefined;
    return t && addPeerGeo(t, this.geo);
  }
}

function profileNode(p: Profile): ProfileNode {
  const windows: WindowNode[] = [];
  let alerts = 0;
  for (const w of p.windows.values()) {
    alerts += w.alerts.length;
    windows.push({
      number: w.number,
      start: w.start,
      flows: w.summary.flows,
      evidence: w.evidence.length,
      alerts: w.alerts.length,
      open: !w.closed,
    });
  }
  windows.sort((a, b) => a.number - b.number);
  return { ip: p.ip, windows, alerts };
}
