// Kalipso over a saved analysis (`slips -f … --save FILE`): profiles, windows, host facts, evidence and
// alerts come from the snapshot as saved. The timelines and hotkey tables are not saved (they are
// views, not results): they are built again from the snapshot's records by the engine's profiler and
// timeline, with no detector running, so nothing about what was found is recomputed.
import { Accounting } from '../inputs/accounting';
import type { FlowRecord } from '../flow';
import type { Reader } from '../inputs/reader';
import { Engine } from '../engine';
import { shippedServiceNames } from '../data/services';
import type { OpenedSnapshot } from '../store/snapshot/readSnapshot';
import { AnalysisSource } from './analysisSource';
import { KalipsoCollector } from './collector';
import { IpGeoLookup } from '../enrich/geo/ipGeo';
import type { KalipsoSource } from './source';

const BATCH = 10_000;

function recordsReader(records: readonly FlowRecord[], format: Reader['format']): Reader {
  return {
    format,
    async *batches() {
      for (let i = 0; i < records.length; i += BATCH) yield records.slice(i, i + BATCH);
    },
  };
}

export async function snapshotSource(title: string, opened: OpenedSnapshot): Promise<KalipsoSource> {
  const { payload, store } = opened;
  const collector = new KalipsoCollector({
    humanTimestamp: payload.config.timelineHumanTimestamp,
    ports: shippedServiceNames(),
  });
  const replay = new Engine(payload.config, { sinks: [collector], detectors: [] });
  await replay.run(recordsReader(payload.records, payload.format), new Accounting(), payload.input);
  const s = payload.summary;
  const inner = new AnalysisSource(
    title,
    store,
    collector,
    {
      finished: true,
      records: s.records_parsed,
      problems: 0,
    },
    new IpGeoLookup(payload.config.ipInfo),
  );
  const status =
    `saved: ${s.profiles} profiles, ${s.timewindows} TWs, ${s.evidence} evidence, ` +
    `${s.alerts} alerts, ${s.records_parsed} records of ${s.input} (${s.input_format})`;
  return {
    title,
    status: () => status,
    profiles: () => inner.profiles(),
    facts: (ip) => inner.facts(ip),
    timeline: (ip, tw) => inner.timeline(ip, tw),
    evidence: (ip, tw) => inner.evidence(ip, tw),
    tables: (ip, tw) => inner.tables(ip, tw),
  };
}
