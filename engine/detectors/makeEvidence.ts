// One way to build evidence, so every detector fills the fields of 4.2 the same way and ids are
// deterministic (a hash of what the evidence says, where and when), never random.
import { uuidFromHash } from '../evidence/accumulator';
import type { KnownEvidenceType } from '../evidence/evidenceTypes';
import type { Evidence, Party, ThreatLevel } from '../evidence/types';
import { profileId, type TimeWindow } from '../profiler/types';

export interface EvidenceInput {
  type: KnownEvidenceType;
  description: string;
  attacker: Party;
  victim?: Party;
  threatLevel: ThreatLevel;
  confidence: number;
  /** The window the evidence belongs to (of the attacker's profile when the attacker is the source). */
  tw: TimeWindow;
  uids: readonly string[];
  /** Traffic time of the evidence. */
  timestamp: number;
  proto?: string;
  srcPort?: number;
  dstPort?: number;
  method?: Evidence['method'];
  relIds?: string[];
  module: string;
  facts?: Record<string, number | string>;
}

/** Evidence lists at most this many flow uids: enough to explain, bounded for floods. */
const MAX_UIDS = 100;

export function makeEvidence(i: EvidenceInput): Evidence {
  const victim = i.victim ? ` ${i.victim.direction}:${i.victim.value}` : '';
  const id = uuidFromHash(
    `${i.type}|${i.tw.profileIp}|${i.tw.number}|${i.attacker.direction}:${i.attacker.value}${victim}|${i.timestamp}|${i.description}`,
  );
  return {
    id,
    evidenceType: i.type,
    description: i.description,
    attacker: i.attacker,
    victim: i.victim,
    threatLevel: i.threatLevel,
    confidence: Math.max(0, Math.min(1, Math.round(i.confidence * 1e4) / 1e4)),
    profile: profileId(i.tw.profileIp),
    timewindow: { number: i.tw.number, start: i.tw.start, end: i.tw.end },
    uids: i.uids.slice(0, MAX_UIDS),
    timestamp: i.timestamp,
    proto: i.proto ?? '',
    srcPort: i.srcPort,
    dstPort: i.dstPort,
    method: i.method ?? 'Heuristic',
    relIds: i.relIds ?? [],
    module: i.module,
    facts: i.facts ?? {},
  };
}

/** An IP party (the common case). */
export function ipParty(value: string, direction: Party['direction']): Party {
  return { direction, iocType: 'IP', value };
}
