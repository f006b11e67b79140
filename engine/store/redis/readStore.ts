// An analysis kept in Redis put back into a MemoryStore: profiles with their host facts, closed windows
// with their summaries, evidence and alerts, in the order the run made them. Flows are not kept in Redis
// (upstream's flow keys are not written), so a reopened analysis answers everything but per-flow queries.
import type { Alert, Evidence } from '../../evidence/types';
import type { Summary } from '../../summary';
import { MemoryStore } from '../memoryStore';
import { connectRedis } from './openRedis';
import { readSavedAnalysis } from './readAnalysis';
import { readProfileInfo, readProfiles, readWindowEvidence, readWindows } from './readWindows';

export interface ReopenedAnalysis {
  store: MemoryStore;
  state: string;
  summary: Summary | undefined;
  evidence: Evidence[];
  alerts: Alert[];
  /** One line per stored value that could not be used. */
  problems: string[];
}

export async function reopenRedisAnalysis(url: string): Promise<ReopenedAnalysis> {
  // Checks the marker (a foreign or empty database is refused) and validates the stored alerts.
  const saved = await readSavedAnalysis(url);
  const problems = saved.problems.slice();
  const problem = (m: string) => problems.push(m);
  const redis = await connectRedis(url);
  try {
    const store = new MemoryStore();
    const windows = await readWindows(redis, problem);
    const found: { evidence: Evidence; seq: number }[] = [];
    for (const sp of await readProfiles(redis)) {
      const p = store.profile(sp.ip, sp.firstSeen);
      for (const [k, v] of await readProfileInfo(redis, sp.id)) p.info.set(k, v);
      for (const w of windows.get(sp.id) ?? []) {
        const tw = store.window(p, w.number, w.start, w.end);
        tw.lastModified = w.lastModified;
        tw.summary = { ...w.summary };
        store.windowClosed(tw);
        const ev = await readWindowEvidence(redis, sp.id, w.number, problem);
        tw.evidence = ev.map((x) => x.evidence);
        found.push(...ev);
      }
    }
    const evidence = found.sort((a, b) => a.seq - b.seq).map((x) => x.evidence);
    const byId = new Map(evidence.map((e) => [e.id, e]));
    for (const a of saved.alerts) {
      a.lastEvidence = byId.get(a.lastEvidence.id) ?? a.lastEvidence;
      const tw = store.getProfile(a.ip)?.windows.get(a.timewindow.number);
      if (tw) tw.alerts.push(a);
      else
        problems.push(
          `${a.id}: alert of ${a.ip} timewindow${a.timewindow.number}, a window Redis does not hold`,
        );
    }
    return { store, state: saved.state, summary: saved.summary, evidence, alerts: saved.alerts, problems };
  } finally {
    redis.disconnect();
  }
}
