// Evidence accumulation per profile and window, and alerts (slips-behaviour.md 5.1, newest):
// only evidence where the profile itself is the attacker (direction SRC) and the level is above info
// counts; when Σ threat_level × confidence reaches the threshold an alert is raised and the sum resets,
// so one window can raise several alerts. The threshold is in "attacks per minute", scaled to the width.
import { IdHash } from './evidenceId';
import { SmallSet } from '../smallSet';
import { THREAT_LEVELS, type Alert, type Evidence } from './types';
import { profileId, type TimeWindow } from '../profiler/types';

/** Upstream's alert confidence scale: (acc − 4.8) / (26 − 4.8), clamped to [0, 1]. */
const CONF_LOW = 4.8;
const CONF_HIGH = 26;

export interface AccumulatorHooks {
  evidence(e: Evidence, tw: TimeWindow): void;
  alert(a: Alert, tw: TimeWindow): void;
}

export class EvidenceAccumulator {
  readonly threshold: number;
  /** Per open window: the running sum, the evidence not yet part of an alert, and the ids already
   *  counted (ids name their window, so duplicates can only meet there). */
  private readonly windows = new Map<TimeWindow, WindowState>();
  evidenceCount = 0;
  alertCount = 0;

  constructor(
    attacksPerMinute: number,
    width: number,
    private readonly disabled: ReadonlySet<string>,
    private readonly hooks: AccumulatorHooks,
  ) {
    this.threshold = (attacksPerMinute * width) / 60;
  }

  add(e: Evidence, tw: TimeWindow): void {
    if (this.disabled.has(e.evidenceType)) return;
    let w = this.windows.get(tw);
    if (!w) {
      w = { sum: 0, pending: [], seen: new SmallSet(e.id) };
      this.windows.set(tw, w);
    } else if (w.seen.has(e.id)) return;
    else w.seen.add(e.id);
    this.evidenceCount++;
    this.hooks.evidence(e, tw);
    const weight = THREAT_LEVELS[e.threatLevel] * Math.min(1, e.confidence);
    if (weight <= 0 || e.attacker.direction !== 'SRC' || e.attacker.value !== tw.profileIp) return;
    w.pending.push(e);
    const sum = w.sum + weight;
    if (sum < this.threshold) {
      w.sum = sum;
      return;
    }
    const list = w.pending;
    w.sum = 0;
    w.pending = [];
    const correlIds = list.map((x) => x.id);
    const a: Alert = {
      id: alertId(tw, correlIds),
      profile: profileId(tw.profileIp),
      ip: tw.profileIp,
      timewindow: tw.ref,
      accumulatedThreatLevel: round(sum),
      correlIds,
      lastEvidence: e,
      lastFlowTime: e.timestamp,
      threatLevel: 'critical',
      confidence: round(Math.max(0, Math.min(1, (sum - CONF_LOW) / (CONF_HIGH - CONF_LOW)))),
      blocked: false,
    };
    this.alertCount++;
    this.hooks.alert(a, tw);
  }

  /** A closed window's running sum is no longer needed. */
  forget(tw: TimeWindow): void {
    this.windows.delete(tw);
  }
}

interface WindowState {
  sum: number;
  pending: Evidence[];
  seen: SmallSet<string>;
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Deterministic, uuid-shaped id: the same evidence gives the same alert id on every run. */
function alertId(tw: TimeWindow, correlIds: string[]): string {
  const hash = new IdHash().str('alert').str(tw.profileIp).num(tw.number);
  for (const id of correlIds) hash.str(id);
  return hash.uuid();
}
