// Evidence and alerts as IDMEFv2 messages (slips-behaviour.md 5.3, newest Slips since 1.1.5).
// Keys are inserted in upstream's order so the JSON lines read like upstream's and are byte-stable.
import type { Alert, Evidence, Party, ThreatLevel } from '../evidence/types';
import { ENGINE_VERSION } from '../version';
import { isoClock, isoUtc } from './format/time';

export const IDMEF_VERSION = '2.0.3';
/** Upstream puts the host's address here only when analysing live traffic. */
export const DEFAULT_ANALYZER_IP = '0.0.0.0';

/** IDMEFv2 has no critical severity: upstream maps critical to High. */
const SEVERITY: Record<ThreatLevel, string> = {
  info: 'Info',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'High',
};

/** Where an ICMP evidence's "ports" carry type and code, which IDMEFv2 must not read as ports. */
const ICMP_PROTOS = new Set(['icmp', 'ipv6-icmp', 'icmp6']);

/** The evidence's confidence as a word in the Note; the lowest is spelled `low` as slips-behaviour.md 5.3 gives it. */
export function confidenceWord(c: number): string {
  if (c >= 0.8) return 'High';
  if (c >= 0.5) return 'Medium';
  return 'low';
}

function analyzer(ip: string, method: string): Record<string, unknown> {
  return {
    IP: ip,
    Name: 'Slips',
    Model: ENGINE_VERSION,
    Category: ['NIDS'],
    Data: ['Flow', 'Network'],
    Method: [method],
  };
}

/** The address key IDMEFv2 uses for each IoC type; MD5 goes to an Attachment instead. */
function addressOf(p: Party): Record<string, string> {
  switch (p.iocType) {
    case 'IP':
      return { IP: p.value };
    case 'DOMAIN':
      return { Hostname: p.value };
    case 'URL':
      return { URL: p.value };
    default:
      return {};
  }
}

function usablePort(port: number | undefined, proto: string): number | undefined {
  return port && !ICMP_PROTOS.has(proto.toLowerCase()) ? port : undefined;
}

function partyNote(p: Party, withTi: boolean): string {
  const note: Record<string, string> = {};
  if (withTi && p.ti) note.TI = p.ti;
  if (p.as) note.AS = p.as;
  if (p.rdns) note.rDNS = p.rdns;
  if (p.sni) note.SNI = p.sni;
  if (p.iocType === 'MAC') note.MAC = p.value;
  return JSON.stringify(note);
}

export function idmefEvent(
  e: Evidence,
  accumulatedThreatLevel: number,
  now: Date,
  analyzerIp = DEFAULT_ANALYZER_IP,
): Record<string, unknown> {
  const source: Record<string, unknown> = { ...addressOf(e.attacker), Note: partyNote(e.attacker, false) };
  const sport = usablePort(e.srcPort, e.proto);
  if (sport !== undefined) source.Port = [sport];
  if (e.proto) source.Protocol = [e.proto.toUpperCase()];
  if (e.attacker.ti) source.TI = [e.attacker.ti];

  const msg: Record<string, unknown> = {
    Version: IDMEF_VERSION,
    Analyzer: analyzer(analyzerIp, e.method),
    Status: 'Event',
    ID: e.id,
    Severity: SEVERITY[e.threatLevel],
    StartTime: isoUtc(e.timestamp),
    CreateTime: isoClock(now),
    Confidence: e.confidence,
    Description: e.description,
    Source: [source],
  };
  if (e.victim) {
    const target: Record<string, unknown> = { ...addressOf(e.victim), Note: partyNote(e.victim, true) };
    const dport = usablePort(e.dstPort, e.proto);
    if (dport !== undefined) target.Port = [dport];
    msg.Target = [target];
  }
  if (e.attacker.iocType === 'MD5') msg.Attachment = [{ Name: e.id, Hash: [`md5:${e.attacker.value}`] }];
  if (e.relIds.length) msg.RelID = e.relIds;
  msg.Note = JSON.stringify({
    uids: e.uids,
    accumulated_threat_level: accumulatedThreatLevel,
    threat_level: e.threatLevel,
    confidence: confidenceWord(e.confidence),
    timewindow: e.timewindow.number,
  });
  return msg;
}

export function idmefIncident(
  a: Alert,
  now: Date,
  analyzerIp = DEFAULT_ANALYZER_IP,
): Record<string, unknown> {
  return {
    Version: IDMEF_VERSION,
    Analyzer: analyzer(analyzerIp, a.lastEvidence.method),
    Source: [{ IP: a.ip }],
    ID: a.id,
    Status: 'Incident',
    StartTime: isoUtc(a.timewindow.start),
    CreateTime: isoClock(now),
    CorrelID: a.correlIds,
    Note: JSON.stringify({
      accumulated_threat_level: a.accumulatedThreatLevel,
      timewindow: a.timewindow.number,
      EndTime: isoUtc(a.timewindow.end),
    }),
  };
}
