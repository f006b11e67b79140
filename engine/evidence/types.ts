// Evidence and alerts: the contract between detectors, the accumulator and every sink
// (alerts.log, alerts.json, the per-profile files, the notebook kernel). Fields follow
// slips-behaviour.md 4.2 and 5.1 so exports read like upstream's.

/** Threat levels by name, with upstream's numeric values (4.2). */
export const THREAT_LEVELS = { info: 0, low: 0.2, medium: 0.5, high: 0.8, critical: 1 } as const;
export type ThreatLevel = keyof typeof THREAT_LEVELS;

export type IocType = 'IP' | 'DOMAIN' | 'URL' | 'MD5' | 'MAC';

/** One side of an evidence. `direction` says whether the attacker/victim is the flow's source or destination. */
export interface Party {
  direction: 'SRC' | 'DST';
  iocType: IocType;
  value: string;
  /** Enrichment shown in alerts: TI feed, AS, reverse DNS, SNI, hostname. */
  ti?: string;
  as?: string;
  rdns?: string;
  sni?: string;
  hostname?: string;
  /** Names DNS answers resolved to this IP before the evidence (upstream's identification `queries`). */
  dnsNames?: string[];
}

export interface TimeWindowRef {
  number: number;
  /** Epoch seconds. */
  start: number;
  end: number;
}

/** Evidence types named as upstream's EvidenceType so DisabledAlerts and SIEM filters keep working. */
export type EvidenceType = string;

export interface Evidence {
  /** Deterministic id (a hash of the evidence's content), so re-runs give identical files. */
  id: string;
  evidenceType: EvidenceType;
  description: string;
  attacker: Party;
  victim?: Party;
  threatLevel: ThreatLevel;
  /** 0..1 */
  confidence: number;
  /** `profile_<ip>` */
  profile: string;
  timewindow: TimeWindowRef;
  uids: string[];
  /** Traffic time of the evidence, epoch seconds. */
  timestamp: number;
  proto: string;
  srcPort?: number;
  dstPort?: number;
  /** IDMEFv2 method: Heuristic by default, AI for the ML modules. */
  method: 'Heuristic' | 'AI' | 'Threat Intelligence' | 'Signature';
  relIds: string[];
  /** The detector that produced it (a `modules.disable` name). */
  module: string;
  /** The numbers and values that triggered it (counts, thresholds, bytes...), so a user can ask why. */
  facts: Record<string, number | string>;
}

export interface Alert {
  id: string;
  profile: string;
  ip: string;
  timewindow: TimeWindowRef;
  /** Sum of threat level × confidence that crossed the threshold. */
  accumulatedThreatLevel: number;
  /** Ids of the evidence that led to it. */
  correlIds: string[];
  lastEvidence: Evidence;
  /** Traffic time of the last flow that contributed, epoch seconds. */
  lastFlowTime: number;
  threatLevel: ThreatLevel;
  confidence: number;
  blocked: boolean;
}
