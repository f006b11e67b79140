// Evidence back from the JSON a `<profileid>_<twid>_evidence` hash holds (slipsShapes.ts evidenceDict):
// upstream's fields plus what rides under `sn`, so the evidence comes back as the run made it. A value
// that does not hold them gives the reason instead, for the one line the reader reports.
import type { Evidence, IocType, Party, ThreatLevel } from '../../evidence/types';

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function party(d: unknown, hostname: unknown): Party | undefined {
  if (!isObj(d) || !isStr(d.value) || !isStr(d.ioc_type)) return undefined;
  const p: Party = {
    direction: d.direction === 'SRC' ? 'SRC' : 'DST',
    iocType: d.ioc_type as IocType,
    value: d.value,
  };
  if (isStr(d.TI)) p.ti = d.TI;
  if (isStr(d.AS)) p.as = d.AS;
  if (isStr(d.rDNS)) p.rdns = d.rDNS;
  if (isStr(d.SNI)) p.sni = d.SNI;
  if (isStr(hostname)) p.hostname = hostname;
  if (Array.isArray(d.queries) && d.queries.every(isStr)) p.dnsNames = d.queries as string[];
  return p;
}

/** The evidence and its position in the run, or why the stored value is not one. */
export function evidenceFromRedis(value: string): { evidence: Evidence; seq: number } | string {
  let d: unknown;
  try {
    d = JSON.parse(value);
  } catch {
    return 'not JSON';
  }
  if (!isObj(d) || !isObj(d.sn)) return 'not evidence written by this engine (no sn part)';
  const sn = d.sn;
  const tw = sn.timewindow;
  if (!isStr(d.id) || !isStr(d.evidence_type) || !isStr(d.description))
    return 'id, type or description missing';
  if (!isObj(tw) || !isNum(tw.number) || !isNum(tw.start) || !isNum(tw.end)) return 'timewindow incomplete';
  if (!isNum(sn.timestamp) || !isNum(d.confidence) || !isStr(d.threat_level))
    return 'timestamp, confidence or threat level missing';
  const attacker = party(d.attacker, sn.attacker_hostname);
  if (!attacker) return 'attacker incomplete';
  const profile = isObj(d.profile) && isStr(d.profile.ip) ? d.profile.ip : attacker.value;
  const e: Evidence = {
    id: d.id,
    evidenceType: d.evidence_type,
    description: d.description,
    attacker,
    threatLevel: d.threat_level as ThreatLevel,
    confidence: d.confidence,
    profile: `profile_${profile}`,
    timewindow: { number: tw.number, start: tw.start, end: tw.end },
    uids: Array.isArray(d.uid) ? (d.uid as unknown[]).filter(isStr) : [],
    timestamp: sn.timestamp,
    proto: isStr(d.proto) ? d.proto : '',
    method: (isStr(d.method) ? d.method : 'Heuristic') as Evidence['method'],
    relIds: Array.isArray(d.rel_id) ? (d.rel_id as unknown[]).filter(isStr) : [],
    module: isStr(sn.module) ? sn.module : '',
    facts: isObj(sn.facts) ? (sn.facts as Evidence['facts']) : {},
  };
  const victim = party(d.victim, sn.victim_hostname);
  if (victim) e.victim = victim;
  if (isNum(d.dst_port)) e.dstPort = d.dst_port;
  if (isNum(d.src_port)) e.srcPort = d.src_port;
  return { evidence: e, seq: isNum(sn.seq) ? sn.seq : 0 };
}
