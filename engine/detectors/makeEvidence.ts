// One way to build evidence, so every detector fills the fields of 4.2 the same way and ids are
// deterministic (a hash of what the evidence says, where and when), never random.
import { IdHash } from '../evidence/evidenceId';
import type { KnownEvidenceType } from '../evidence/evidenceTypes';
import type { Evidence, Party, ThreatLevel } from '../evidence/types';
import { profileId, type TimeWindow } from '../profiler/types';
import { ownString } from '../ownString';

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

/** Shared by every evidence without related evidence (never written to: relatedEvidence() replaces it). */
const NO_IDS: string[] = Object.freeze([]) as unknown as string[];
const NO_FACTS: Record<string, number | string> = Object.freeze({});

export function makeEvidence(i: EvidenceInput): Evidence {
  const hash = new IdHash().str(i.type).str(i.tw.profileIp).num(i.tw.number);
  hash.str(i.attacker.direction).str(i.attacker.value);
  if (i.victim) hash.str(i.victim.direction).str(i.victim.value);
  const id = hash.num(i.timestamp).str(i.description).uuid();
  // Evidence lives for the whole run: its strings must not keep input chunks alive (ownString.ts).
  // The facts and parties a detector passes are made for this evidence, so their strings are owned in
  // place rather than copied into new objects (fewer objects that live as long as the evidence).
  const facts = i.facts ?? NO_FACTS;
  for (const k in facts) {
    const v = facts[k]!;
    if (typeof v === 'string') facts[k] = ownString(v);
  }
  const uids = i.uids.length > MAX_UIDS ? i.uids.slice(0, MAX_UIDS) : i.uids;
  return {
    id,
    evidenceType: i.type,
    description: ownString(i.description),
    attacker: ownParty(i.attacker),
    victim: i.victim && ownParty(i.victim),
    threatLevel: i.threatLevel,
    confidence: Math.max(0, Math.min(1, Math.round(i.confidence * 1e4) / 1e4)),
    profile: profileId(i.tw.profileIp),
    timewindow: i.tw.ref,
    uids: uids.map(ownString),
    timestamp: i.timestamp,
    proto: i.proto ?? '',
    srcPort: i.srcPort,
    dstPort: i.dstPort,
    method: i.method ?? 'Heuristic',
    relIds: i.relIds ?? NO_IDS,
    module: i.module,
    facts,
  };
}

function ownParty(p: Party): Party {
  p.value = ownString(p.value);
  return p;
}

/** An IP party (the common case). */
export function ipParty(value: string, direction: Party['direction']): Party {
  return { direction, iocType: 'IP', value };
}
