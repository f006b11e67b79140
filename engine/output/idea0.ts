// Evidence as IDEA0 messages (slips-behaviour.md 5.3), the alerts.json format of Slips v0.8.2 – v1.1.4,
// selected with `exporting_alerts.format: idea0`. Layout and key order follow the real Slips 1.0.6
// alerts.json shipped with the test data (zeek-baselines/stratosphere-test7/slips-1.0.6-alerts.json):
// `Format, ID, DetectTime, EventTime, Category, Confidence, Source, Target?, Attach, ConnCount?, uids`,
// and an alert as the last evidence's message turned into `Format:"Json", Category:"Alert"`.
//
// Source is the side of the flow the evidence starts from (the SRC party, else the profile's IP);
// Target is the DST party, with the SNI or reverse DNS it is known by as Hostname. Port (the
// destination port) and Proto go on the Target when there is one, else on the Source. The IDEA Type tag
// describes the attacker, on whichever side it is. C&C evidence lists both ends as sources: the client
// tagged Botnet, the server tagged CC.
import { isIP } from 'node:net';
import type { KnownEvidenceType } from '../evidence/evidenceTypes';
import type { Alert, Evidence, Party } from '../evidence/types';
import { alertLine, profileIpOf } from './alertsLog';
import { isoClock } from './format/time';

/** The IDEA classes Slips used at v1.0.0 (5.3). */
export const IDEA_CATEGORIES = [
  'Anomaly.Traffic',
  'Anomaly.Behaviour',
  'Anomaly.Connection',
  'Recon.Scanning',
  'Recon',
  'Intrusion.Botnet',
  'Malware',
  'Attempt.Login',
  'Information',
] as const;
export type IdeaCategory = (typeof IDEA_CATEGORIES)[number];

/** Upstream's source/target tags (its `Tag` enum values). */
type IdeaTag =
  | 'Recon'
  | 'Malware'
  | 'OriginMalware'
  | 'Botnet'
  | 'CC'
  | 'MITM'
  | 'BlacklistedIP'
  | 'BlacklistedDomain'
  | 'BlacklistedASN'
  | 'SuspiciousUserAgent'
  | 'IncompatibleUserAgent'
  | 'MultipleUserAgent'
  | 'ExecutableMIMEType'
  | 'SendingUnencryptedData';

/**
 * Category and tag per evidence type, as upstream's set_evidence calls gave them where they exist
 * (upstream spelled two of them `Infomation` and `Anamoly.Behaviour`; the IDEA names are used here).
 */
export const IDEA_CLASS: Record<KnownEvidenceType, { category: IdeaCategory; tag?: IdeaTag }> = {
  VERTICAL_PORT_SCAN: { category: 'Recon.Scanning', tag: 'Recon' },
  HORIZONTAL_PORT_SCAN: { category: 'Recon.Scanning', tag: 'Recon' },
  ICMP_ADDRESS_SCAN: { category: 'Recon.Scanning', tag: 'Recon' },
  ICMP_TIMESTAMP_SCAN: { category: 'Recon.Scanning', tag: 'Recon' },
  ICMP_ADDRESS_MASK_SCAN: { category: 'Recon.Scanning', tag: 'Recon' },
  DHCP_SCAN: { category: 'Recon.Scanning', tag: 'Recon' },
  PASSWORD_GUESSING: { category: 'Attempt.Login', tag: 'Malware' },
  LONG_CONNECTION: { category: 'Anomaly.Connection' },
  UNKNOWN_PORT: { category: 'Anomaly.Connection' },
  MULTIPLE_RECONNECTION_ATTEMPTS: { category: 'Anomaly.Traffic' },
  PORT_0_CONNECTION: { category: 'Anomaly.Connection', tag: 'Recon' },
  DIFFERENT_LOCALNET: { category: 'Anomaly.Traffic' },
  CONNECTION_WITHOUT_DNS: { category: 'Anomaly.Connection', tag: 'Malware' },
  CONNECTION_TO_MULTIPLE_PORTS: { category: 'Anomaly.Connection' },
  DATA_UPLOAD: { category: 'Malware', tag: 'OriginMalware' },
  TOR_EXIT_NODE: { category: 'Anomaly.Traffic' },
  CONNECTION_TO_PRIVATE_IP: { category: 'Recon' },
  DEVICE_CHANGING_IP: { category: 'Anomaly.Traffic' },
  SELF_SIGNED_CERTIFICATE: { category: 'Anomaly.Behaviour' },
  MALICIOUS_JA3: { category: 'Intrusion.Botnet', tag: 'Botnet' },
  MALICIOUS_JA3S: { category: 'Intrusion.Botnet', tag: 'CC' },
  INCOMPATIBLE_CN: { category: 'Anomaly.Traffic' },
  CN_URL_MISMATCH: { category: 'Anomaly.Traffic' },
  DOH: { category: 'Anomaly.Traffic' },
  NON_SSL_PORT_443_CONNECTION: { category: 'Anomaly.Traffic' },
  PASTEBIN_DOWNLOAD: { category: 'Anomaly.Behaviour', tag: 'Malware' },
  SSH_SUCCESSFUL: { category: 'Information' },
  MULTIPLE_SSH_VERSIONS: { category: 'Anomaly.Traffic', tag: 'Recon' },
  HIGH_ENTROPY_DNS_ANSWER: { category: 'Anomaly.Traffic' },
  INVALID_DNS_RESOLUTION: { category: 'Anomaly.Behaviour' },
  DGA_NXDOMAINS: { category: 'Intrusion.Botnet', tag: 'OriginMalware' },
  DNS_WITHOUT_CONNECTION: { category: 'Anomaly.Traffic' },
  DNS_ARPA_SCAN: { category: 'Recon.Scanning' },
  YOUNG_DOMAIN: { category: 'Anomaly.Traffic' },
  BAD_SMTP_LOGIN: { category: 'Attempt.Login' },
  SMTP_LOGIN_BRUTEFORCE: { category: 'Attempt.Login' },
  MALICIOUS_SSL_CERT: { category: 'Intrusion.Botnet', tag: 'CC' },
  GRE_TUNNEL: { category: 'Information' },
  GRE_SCAN: { category: 'Recon.Scanning', tag: 'Recon' },
  LOGIN: { category: 'Attempt.Login' },
  THREAT_INTELLIGENCE_TO_BLACKLISTED_IP: { category: 'Anomaly.Traffic', tag: 'BlacklistedIP' },
  THREAT_INTELLIGENCE_FROM_BLACKLISTED_IP: { category: 'Anomaly.Traffic', tag: 'BlacklistedIP' },
  THREAT_INTELLIGENCE_BLACKLISTED_DOMAIN: { category: 'Anomaly.Traffic', tag: 'BlacklistedDomain' },
  THREAT_INTELLIGENCE_BLACKLISTED_DNS_ANSWER: { category: 'Anomaly.Traffic', tag: 'BlacklistedDomain' },
  THREAT_INTELLIGENCE_ANSWER_OF_BLACKLISTED_QUERY: { category: 'Anomaly.Traffic', tag: 'BlacklistedDomain' },
  THREAT_INTELLIGENCE_BLACKLISTED_ASN: { category: 'Anomaly.Traffic', tag: 'BlacklistedASN' },
  THREAT_INTELLIGENCE_MALICIOUS_URL: { category: 'Malware', tag: 'Malware' },
  MALICIOUS_DOWNLOADED_FILE: { category: 'Malware', tag: 'Malware' },
  MALICIOUS_JARM: { category: 'Anomaly.Traffic', tag: 'Malware' },
  COMMAND_AND_CONTROL_CHANNEL: { category: 'Intrusion.Botnet', tag: 'Botnet' },
  MALICIOUS_FLOW: { category: 'Anomaly.Traffic' },
  BEACON: { category: 'Anomaly.Behaviour', tag: 'CC' },
  SUSPICIOUS_USER_AGENT: { category: 'Anomaly.Traffic', tag: 'SuspiciousUserAgent' },
  EMPTY_CONNECTIONS: { category: 'Anomaly.Connection' },
  EXECUTABLE_MIME_TYPE: { category: 'Malware', tag: 'ExecutableMIMEType' },
  INCOMPATIBLE_USER_AGENT: { category: 'Anomaly.Behaviour', tag: 'IncompatibleUserAgent' },
  MULTIPLE_USER_AGENT: { category: 'Anomaly.Behaviour', tag: 'MultipleUserAgent' },
  HTTP_TRAFFIC: { category: 'Anomaly.Traffic', tag: 'SendingUnencryptedData' },
  NON_HTTP_PORT_80_CONNECTION: { category: 'Anomaly.Traffic' },
  WEIRD_HTTP_METHOD: { category: 'Anomaly.Traffic' },
  ARP_SCAN: { category: 'Recon.Scanning', tag: 'Recon' },
  ARP_OUTSIDE_LOCALNET: { category: 'Anomaly.Behaviour' },
  UNSOLICITED_ARP: { category: 'Anomaly.Behaviour' },
  MITM_ARP_ATTACK: { category: 'Recon', tag: 'MITM' },
};

/** Evidence types without an entry (a newer detector) are Anomaly.Traffic, upstream's most common class. */
export function ideaClass(type: string): { category: IdeaCategory; tag?: IdeaTag } {
  return Object.hasOwn(IDEA_CLASS, type)
    ? IDEA_CLASS[type as KnownEvidenceType]
    : { category: 'Anomaly.Traffic' };
}

const ICMP_PROTOS = new Set(['icmp', 'ipv6-icmp', 'icmp6']);

type Entry = Record<string, unknown>;

/** The IDEA address key of a party, or undefined for what IDEA cannot hold as an address (hashes). */
function address(p: Party): Entry | undefined {
  switch (p.iocType) {
    case 'IP': {
      const v = isIP(p.value);
      return v === 4 ? { IP4: [p.value] } : v === 6 ? { IP6: [p.value] } : undefined;
    }
    case 'DOMAIN':
      return { Hostname: [p.value] };
    case 'URL':
      return { URL: [p.value] };
    case 'MAC':
      return { MAC: [p.value] };
    default:
      return undefined;
  }
}

function ipEntry(ip: string): Entry {
  return isIP(ip) === 6 ? { IP6: [ip] } : { IP4: [ip] };
}

/** Number of connections (or packets) behind a scan-like evidence, from the facts its detector kept. */
function connCount(e: Evidence, category: IdeaCategory): number | undefined {
  for (const k of ['connCount', 'conn_count']) {
    const v = e.facts[k];
    if (typeof v === 'number') return v;
  }
  // Upstream's scans counted the packets sent (Slips 1.0.6: "Total packets sent: 25" → ConnCount 25).
  const pkts = e.facts.packetsSent;
  return category === 'Recon.Scanning' && typeof pkts === 'number' ? pkts : undefined;
}

export function ideaEvent(e: Evidence, now: Date): Record<string, unknown> {
  const { category, tag } = ideaClass(e.evidenceType);
  const time = isoClock(now);
  const parties = e.victim ? [e.attacker, e.victim] : [e.attacker];
  const srcParty = parties.find((p) => p.direction === 'SRC' && address(p));
  const dstParty = parties.find((p) => p.direction === 'DST' && address(p));

  const source: Entry = srcParty ? address(srcParty)! : ipEntry(profileIpOf(e.profile));
  const sources: Entry[] = [source];
  let target: Entry | undefined;
  // Where the destination port and protocol go.
  let portHolder: Entry = source;
  if (e.evidenceType === 'COMMAND_AND_CONTROL_CHANNEL' && dstParty) {
    source.Type = ['Botnet'];
    const server: Entry = { ...address(dstParty)!, Type: ['CC'] };
    sources.push(server);
    portHolder = server;
  } else {
    if (dstParty) {
      target = address(dstParty)!;
      const host = dstParty.sni ?? dstParty.rdns;
      if (host && dstParty.iocType === 'IP') target.Hostname = [host];
      portHolder = target;
    }
    if (tag && e.attacker === dstParty) target!.Type = [tag];
    else if (tag && e.attacker === srcParty) source.Type = [tag];
  }
  if (e.dstPort && !ICMP_PROTOS.has(e.proto.toLowerCase())) portHolder.Port = [e.dstPort];
  if (e.proto) portHolder.Proto = [e.proto.toLowerCase()];

  const msg: Record<string, unknown> = {
    Format: 'IDEA0',
    ID: e.id,
    DetectTime: time,
    EventTime: time,
    Category: [category],
    Confidence: e.confidence,
    Source: sources,
  };
  if (target) msg.Target = [target];
  if (e.attacker.iocType === 'MD5') {
    const file: Entry = { Type: ['Malware'], Hash: [`md5:${e.attacker.value}`] };
    if (typeof e.facts.size === 'number') file.Size = e.facts.size;
    msg.Attach = [file];
  } else msg.Attach = [{ Content: e.description, ContentType: 'text/plain' }];
  const count = connCount(e, category);
  if (count !== undefined) msg.ConnCount = count;
  msg.uids = e.uids;
  return msg;
}

/** Slips 1.0.6 logged an alert as the IDEA message of its last evidence, re-labelled. */
export function ideaAlert(a: Alert, now: Date): Record<string, unknown> {
  const msg = ideaEvent(a.lastEvidence, now);
  msg.Format = 'Json';
  msg.ID = a.id;
  msg.Category = 'Alert';
  msg.Attach = [{ Content: alertLine(a, now), ContentType: 'text/plain' }];
  msg.uids = [];
  return msg;
}
