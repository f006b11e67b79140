// How the flow forest is judged, shared by `npm run train:flows` (which writes the numbers into the
// model card) and the tests (which recompute them from the shipped model): per-flow precision, recall
// and F1 on held-out labelled captures, and alarms on captures known to be benign, counted through the
// real engine with every ML detector (default configuration otherwise).
import { join } from 'node:path';
import { cloneConfig, DEFAULT_CONFIG } from '../../config/defaults';
import { Engine } from '../../engine';
import { Accounting } from '../../inputs/accounting';
import { openReader } from '../../inputs/openReader';
import type { Detector } from '../../detectors/detector';
import { binaryMetrics, roundMetrics, type BinaryMetrics } from '../metrics';
import { BENIGN_CAPTURES, TEST_CAPTURES, TRAIN_CAPTURES } from './captures';
import type { RandomForest } from './forest';
import { readFlowRows, type FlowRows } from './labelledFlows';
import { normaliseLabel } from './features';
import { MALWARE_PROBABILITY, trainFlowForest } from './training';
import { packLabelled } from './labelledFlows';
import { NORMAL } from './features';

export interface CaptureMetrics {
  path: string;
  /** TCP/UDP flows with a Malware or Normal label (the rest has no ground truth). */
  labelled: number;
  malware: number;
  normal: number;
  metrics: BinaryMetrics;
}

export interface HeldOut {
  captures: CaptureMetrics[];
  /** All held-out labelled flows together. */
  overall: BinaryMetrics;
}

function scoreLabelled(forest: RandomForest, rows: FlowRows): { scores: number[]; labels: number[] } {
  const scores: number[] = [];
  const labels: number[] = [];
  rows.features.forEach((f, i) => {
    const l = rows.labels[i];
    if (l === undefined) return;
    scores.push(forest.probability(f));
    labels.push(l);
  });
  return { scores, labels };
}

export async function heldOutMetrics(forest: RandomForest, dataDir: string): Promise<HeldOut> {
  const all = { scores: [] as number[], labels: [] as number[] };
  const captures: CaptureMetrics[] = [];
  for (const c of TEST_CAPTURES) {
    const s = scoreLabelled(forest, await readFlowRows(join(dataDir, c.path)));
    all.scores.push(...s.scores);
    all.labels.push(...s.labels);
    const malware = s.labels.reduce((a, v) => a + v, 0);
    captures.push({
      path: c.path,
      labelled: s.labels.length,
      malware,
      normal: s.labels.length - malware,
      metrics: roundMetrics(binaryMetrics(s.scores, s.labels, MALWARE_PROBABILITY)),
    });
  }
  return { captures, overall: roundMetrics(binaryMetrics(all.scores, all.labels, MALWARE_PROBABILITY)) };
}

export interface LabelledPair {
  /** `saddr → daddr:dport/proto`. */
  pair: string;
  flows: number;
  /** Evidence types raised with the pair's source as attacker and its destination as victim. */
  flaggedBy: string[];
}

export interface LabelledCoverage {
  path: string;
  /** Connections labelled Malware (any protocol). */
  malwareFlows: number;
  /** Of those, how many belong to a pair flagged by each evidence type. */
  flowsInFlaggedPairs: Record<string, number>;
  /** Pairs with at least `MIN_PAIR_FLOWS` malware flows, largest first. */
  pairs: LabelledPair[];
}

/** Pairs smaller than this are left out of the coverage table (one-off connections). */
export const MIN_PAIR_FLOWS = 5;

/**
 * Runs the engine with the given detectors over each held-out labelled capture and reports which
 * labelled-malware source → destination pairs the detectors flagged.
 */
export async function labelledCoverage(
  dataDir: string,
  detectors: () => Detector[],
): Promise<LabelledCoverage[]> {
  const out: LabelledCoverage[] = [];
  for (const c of TEST_CAPTURES) {
    const flagged = new Map<string, Set<string>>();
    const pairs = new Map<string, { pair: string; key: string; flows: number }>();
    let malwareFlows = 0;
    const engine = new Engine(allMlOn(), {
      detectors: detectors(),
      sinks: [
        {
          evidence: (e) => {
            const k = `${e.attacker.value}>${e.victim?.value ?? ''}`;
            if (!flagged.has(k)) flagged.set(k, new Set());
            flagged.get(k)!.add(e.evidenceType);
          },
          alert: () => {},
          close: async () => {},
        },
      ],
    });
    engine.profiler.listen({
      onRecord: (rec) => {
        if (rec.kind !== 'conn' || normaliseLabel(rec.label) !== 1) return;
        malwareFlows++;
        const name = `${rec.saddr} → ${rec.daddr}:${rec.dport}/${rec.proto}`;
        let p = pairs.get(name);
        if (!p) pairs.set(name, (p = { pair: name, key: `${rec.saddr}>${rec.daddr}`, flows: 0 }));
        p.flows++;
      },
    });
    const accounting = new Accounting();
    const path = join(dataDir, c.path);
    await engine.run(await openReader(path, { accounting }), accounting, path);
    const flowsInFlaggedPairs: Record<string, number> = {};
    const listed: LabelledPair[] = [];
    for (const p of pairs.values()) {
      const by = [...(flagged.get(p.key) ?? [])].sort();
      for (const t of by) flowsInFlaggedPairs[t] = (flowsInFlaggedPairs[t] ?? 0) + p.flows;
      if (p.flows >= MIN_PAIR_FLOWS) listed.push({ pair: p.pair, flows: p.flows, flaggedBy: by });
    }
    listed.sort((a, b) => b.flows - a.flows || a.pair.localeCompare(b.pair));
    out.push({
      path: c.path,
      malwareFlows,
      flowsInFlaggedPairs: sortKeys(flowsInFlaggedPairs),
      pairs: listed,
    });
  }
  return out;
}

/** The default configuration with every ML detector on (flow_ml_detection is off by default). */
function allMlOn() {
  const config = cloneConfig(DEFAULT_CONFIG);
  config.disabledModules = config.disabledModules.filter((m) => m !== 'flow_ml_detection');
  return config;
}

export interface BenignCount {
  path: string;
  /** Connection records the engine read. */
  connections: number;
  /** Evidence per type on the capture (every one is a false positive). */
  evidence: Record<string, number>;
  /** Distinct source → destination pairs with at least one such evidence. */
  pairs: Record<string, number>;
}

/** Runs the engine with the given detectors (made fresh per capture) over each benign capture. */
export async function benignAlarms(dataDir: string, detectors: () => Detector[]): Promise<BenignCount[]> {
  const out: BenignCount[] = [];
  const config = allMlOn();
  for (const c of BENIGN_CAPTURES) {
    const evidence: Record<string, number> = {};
    const pairs: Record<string, Set<string>> = {};
    let connections = 0;
    const engine = new Engine(config, {
      detectors: detectors(),
      sinks: [
        {
          evidence: (e) => {
            evidence[e.evidenceType] = (evidence[e.evidenceType] ?? 0) + 1;
            (pairs[e.evidenceType] ??= new Set()).add(`${e.attacker.value}>${e.victim?.value ?? ''}`);
          },
          alert: () => {},
          close: async () => {},
        },
      ],
    });
    engine.profiler.listen({ onRecord: (rec) => void (rec.kind === 'conn' && connections++) });
    const accounting = new Accounting();
    const path = join(dataDir, c.path);
    await engine.run(await openReader(path, { accounting }), accounting, path);
    out.push({
      path: c.path,
      connections,
      evidence: sortKeys(evidence),
      pairs: sortKeys(Object.fromEntries(Object.entries(pairs).map(([k, v]) => [k, v.size]))),
    });
  }
  return out;
}

function sortKeys(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

export interface CrossCapture {
  path: string;
  role: 'train' | 'test' | 'benign';
  labelled: number;
  malware: number;
  normal: number;
  metrics: BinaryMetrics;
}

/**
 * Leave one capture out, over every capture (benign ones labelled Normal as a whole, as upstream's
 * `parameters.label` labels a capture): a forest trained on all the others judges the one left out.
 * Context for the shipped model's numbers, made by other forests; none of them is shipped.
 */
export async function leaveOneCaptureOut(dataDir: string): Promise<CrossCapture[]> {
  const all = [
    ...TRAIN_CAPTURES.map((c) => ({ ...c, role: 'train' as const })),
    ...TEST_CAPTURES.map((c) => ({ ...c, role: 'test' as const })),
    ...BENIGN_CAPTURES.map((c) => ({ ...c, role: 'benign' as const })),
  ];
  const rows: FlowRows[] = [];
  for (const c of all) {
    const r = await readFlowRows(join(dataDir, c.path));
    if (c.role === 'benign') r.labels = r.labels.map(() => NORMAL);
    rows.push(r);
  }
  return all.map((c, k) => {
    const { x, y } = packLabelled(rows.filter((_, j) => j !== k));
    const s = scoreLabelled(trainFlowForest(x, y), rows[k]!);
    const malware = s.labels.reduce((a, v) => a + v, 0);
    return {
      path: c.path,
      role: c.role,
      labelled: s.labels.length,
      malware,
      normal: s.labels.length - malware,
      metrics: roundMetrics(binaryMetrics(s.scores, s.labels, MALWARE_PROBABILITY)),
    };
  });
}
