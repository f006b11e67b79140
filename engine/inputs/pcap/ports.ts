// Port knowledge Zeek applies before any payload is looked at (facts from Zeek's default scripts).
// `likely_server_ports` decides which side of a connection first seen mid-stream is the server;
// the service names stand in for Zeek's protocol analyzers until content-based detection exists.

const TCP = 6;
const UDP = 17;

/** Zeek's likely_server_ports with its default scripts loaded (each protocol script adds its ports). */
const LIKELY_TCP = [
  21, 22, 25, 53, 79, 80, 81, 88, 110, 135, 139, 143, 389, 443, 445, 502, 563, 585, 587, 614, 631, 636, 989,
  990, 992, 993, 995, 1080, 1883, 2811, 3128, 3268, 3306, 3389, 5222, 5223, 5269, 5432, 6379, 6666, 6667,
  6668, 6669, 8000, 8080, 8888, 20000,
];
const LIKELY_UDP = [
  53, 67, 88, 123, 137, 161, 162, 389, 443, 514, 1812, 2123, 2152, 3544, 4789, 5060, 5072, 5353, 5355, 6081,
  20000,
];

const likelyTcp = new Uint8Array(65536);
const likelyUdp = new Uint8Array(65536);
for (const p of LIKELY_TCP) likelyTcp[p] = 1;
for (const p of LIKELY_UDP) likelyUdp[p] = 1;

export function isLikelyServerPort(ipProto: number, port: number): boolean {
  if (ipProto === TCP) return likelyTcp[port] === 1;
  if (ipProto === UDP) return likelyUdp[port] === 1;
  return false;
}

/** Service names Zeek's analyzers log for their registered ports. */
const SERVICE_TCP: Record<number, string> = {
  21: 'ftp',
  22: 'ssh',
  25: 'smtp',
  53: 'dns',
  80: 'http',
  81: 'http',
  110: 'pop3',
  143: 'imap',
  443: 'ssl',
  445: 'smb',
  587: 'smtp',
  993: 'ssl',
  995: 'ssl',
  3128: 'http',
  3306: 'mysql',
  3389: 'rdp',
  6666: 'irc',
  6667: 'irc',
  6668: 'irc',
  6669: 'irc',
  8000: 'http',
  8080: 'http',
  8888: 'http',
};
const SERVICE_UDP: Record<number, string> = {
  53: 'dns',
  67: 'dhcp',
  68: 'dhcp',
  123: 'ntp',
  137: 'dns',
  161: 'snmp',
  162: 'snmp',
  443: 'quic',
  514: 'syslog',
  1812: 'radius',
  2152: 'gtpv1',
  5060: 'sip',
  5353: 'dns',
  5355: 'dns',
};

/** The service Zeek would most likely confirm for this responder port, or ''. */
export function serviceByPort(ipProto: number, port: number): string {
  if (ipProto === TCP) return SERVICE_TCP[port] ?? '';
  if (ipProto === UDP) return SERVICE_UDP[port] ?? '';
  return '';
}
