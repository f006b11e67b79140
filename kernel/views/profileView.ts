// `profile IP`: what the engine knows about one host — facts learnt from its traffic, each time
// window's totals, its evidence by type and its alerts.
import type { Profile } from '../../engine/profiler/types';
import { MAX_ROWS, type ProfilePayload } from '../protocol';
import type { Loaded } from '../session/session';
import { capString } from './cap';

export function profilePayload(loaded: Loaded, p: Profile): ProfilePayload {
  const tws = [...p.windows.values()].sort((a, b) => a.number - b.number);
  const evidenceByType: Record<string, number> = {};
  for (const tw of tws)
    for (const e of tw.evidence) evidenceByType[e.evidenceType] = (evidenceByType[e.evidenceType] ?? 0) + 1;
  const info: Record<string, string> = {};
  for (const [k, v] of [...p.info.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    info[k] = capString(v);
  return {
    kind: 'profile',
    ip: p.ip,
    firstSeen: p.firstSeen,
    info,
    windows: tws.slice(0, MAX_ROWS).map((tw) => ({
      tw: tw.number,
      start: tw.start,
      end: tw.end,
      flows: tw.summary.flows,
      records: tw.summary.records,
      pkts: tw.summary.pkts,
      bytes: tw.summary.bytes,
      peers: tw.summary.distinctPeers,
      dstPorts: tw.summary.distinctDstPorts,
      evidence: tw.summary.evidence,
      alerts: tw.summary.alerts,
    })),
    windowsTotal: tws.length,
    evidenceByType: Object.fromEntries(Object.entries(evidenceByType).sort(([a], [b]) => (a < b ? -1 : 1))),
    alerts: loaded.sink.alertList
      .filter((a) => a.ip === p.ip)
      .slice(0, MAX_ROWS)
      .map((a) => ({
        id: a.id,
        tw: a.timewindow.number,
        accumulatedThreatLevel: a.accumulatedThreatLevel,
        threatLevel: a.threatLevel,
        evidence: a.correlIds.length,
        lastFlowTime: a.lastFlowTime,
      })),
  };
}
