// Hand-made records, evidence and whitelists for the whitelist tests: only what a case cares about is given.
import type { ArpRecord, DhcpRecord, HttpRecord, SslRecord } from '../../../engine/flow';
import type { Evidence, Party } from '../../../engine/evidence/types';
import { parseWhitelist } from '../../../engine/whitelist/parseWhitelist';
import { Whitelist } from '../../../engine/whitelist/whitelist';

export { conn, dns } from '../../helpers/records';

/** 2020-12-18T14:00:00Z */
export const T0 = 1608300000;

let n = 0;
const origin = () => ({ file: 'test', line: ++n });

export function http(p: Partial<HttpRecord> & { ts: number }): HttpRecord {
  return {
    kind: 'http',
    uid: `Htest${++n}`,
    saddr: '10.0.0.1',
    sport: 40000,
    daddr: '93.184.216.34',
    dport: 80,
    proto: 'tcp',
    method: 'GET',
    host: 'www.example.com',
    uri: '/',
    version: '1.1',
    userAgent: 'curl/8',
    requestBodyLen: 0,
    responseBodyLen: 0,
    statusCode: 200,
    statusMsg: 'OK',
    respMimeTypes: [],
    respFuids: [],
    origin: origin(),
    ...p,
  };
}

export function ssl(p: Partial<SslRecord> & { ts: number }): SslRecord {
  return {
    kind: 'ssl',
    uid: `Stest${++n}`,
    saddr: '10.0.0.1',
    sport: 40000,
    daddr: '93.184.216.34',
    dport: 443,
    proto: 'tcp',
    version: 'TLSv13',
    cipher: '',
    curve: '',
    serverName: '',
    resumed: false,
    established: true,
    certChainFps: [],
    clientCertChainFps: [],
    subject: '',
    issuer: '',
    validationStatus: '',
    ja3: '',
    ja3s: '',
    notBefore: '',
    notAfter: '',
    origin: origin(),
    ...p,
  };
}

export function dhcp(p: Partial<DhcpRecord> & { ts: number }): DhcpRecord {
  return {
    kind: 'dhcp',
    uid: `Dhtest${++n}`,
    saddr: '0.0.0.0',
    sport: 68,
    daddr: '255.255.255.255',
    dport: 67,
    proto: 'udp',
    uids: [],
    clientAddr: '',
    serverAddr: '10.0.0.254',
    smac: '',
    hostName: '',
    requestedAddr: '',
    origin: origin(),
    ...p,
  };
}

export function arp(p: Partial<ArpRecord> & { ts: number }): ArpRecord {
  return {
    kind: 'arp',
    uid: `Atest${++n}`,
    saddr: '10.0.0.1',
    sport: 0,
    daddr: '10.0.0.2',
    dport: 0,
    proto: 'arp',
    operation: 'request',
    srcHw: '',
    dstHw: '',
    smac: '',
    dmac: '',
    origin: origin(),
    ...p,
  };
}

export function ip(value: string, direction: Party['direction'] = 'SRC'): Party {
  return { direction, iocType: 'IP', value };
}

export function evidence(p: Partial<Evidence> = {}): Evidence {
  return {
    id: `ev-${++n}`,
    evidenceType: 'HORIZONTAL_PORT_SCAN',
    description: 'test evidence',
    attacker: ip('10.0.0.1'),
    threatLevel: 'high',
    confidence: 1,
    profile: 'profile_10.0.0.1',
    timewindow: { number: 1, start: T0, end: T0 + 3600 },
    uids: [],
    timestamp: T0 + 1,
    proto: 'tcp',
    method: 'Heuristic',
    relIds: [],
    module: 'test',
    facts: {},
    ...p,
  };
}

/** A whitelist from whitelist.conf lines; fails the test if any line is bad. */
export function whitelist(...lines: string[]): Whitelist {
  const { entries, problems } = parseWhitelist(lines.join('\n'), 'test.conf');
  if (problems.length) throw new Error(problems.map((p) => p.reason).join('; '));
  return new Whitelist(entries, problems);
}
