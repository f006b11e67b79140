// Hand-built records, evidence, alerts and windows for the output tests.
import type { ConnRecord, DnsRecord, HttpRecord, SshRecord, SslRecord } from '../../../engine/flow';
import type { Alert, Evidence } from '../../../engine/evidence/types';
import type { Profile, TimeWindow } from '../../../engine/profiler/types';
import { emptyWindow } from '../../../engine/profiler/window';

/** 2020-12-18T14:00:00Z */
export const T0 = 1608300000;
export const FIXED_NOW = new Date('2024-05-06T07:08:09.123Z');
export const fixedClock = (): Date => FIXED_NOW;

export function conn(over: Partial<ConnRecord> = {}): ConnRecord {
  return {
    kind: 'conn',
    source: 'zeek',
    ts: T0 + 5.123456,
    uid: 'CAbc1',
    saddr: '10.0.0.5',
    sport: 50000,
    daddr: '93.184.216.34',
    dport: 443,
    proto: 'tcp',
    dur: 1.5,
    appproto: '',
    sbytes: 517,
    dbytes: 4210,
    spkts: 10,
    dpkts: 12,
    state: 'SF',
    history: 'ShADadFf',
    smac: '',
    dmac: '',
    dir: '->',
    origin: { file: 'conn.log', line: 9 },
    ...over,
  };
}

export function dns(over: Partial<DnsRecord> = {}): DnsRecord {
  return {
    kind: 'dns',
    ts: T0 + 1,
    uid: 'CDns1',
    saddr: '10.0.0.5',
    sport: 53000,
    daddr: '8.8.8.8',
    dport: 53,
    proto: 'udp',
    query: 'www.example.com',
    qclassName: 'C_INTERNET',
    qtypeName: 'A',
    rcodeName: 'NOERROR',
    answers: ['93.184.216.34'],
    ttls: [300],
    origin: { file: 'dns.log', line: 9 },
    ...over,
  };
}

export function ssl(over: Partial<SslRecord> = {}): SslRecord {
  return {
    kind: 'ssl',
    ts: T0 + 5.2,
    uid: 'CAbc1',
    saddr: '10.0.0.5',
    sport: 50000,
    daddr: '93.184.216.34',
    dport: 443,
    proto: 'tcp',
    version: 'TLSv12',
    cipher: '',
    curve: '',
    serverName: 'www.example.com',
    resumed: false,
    established: true,
    certChainFps: [],
    clientCertChainFps: [],
    subject: 'CN=www.example.com,O=Example',
    issuer: '',
    validationStatus: 'ok',
    ja3: '',
    ja3s: '',
    notBefore: '',
    notAfter: '',
    origin: { file: 'ssl.log', line: 9 },
    ...over,
  };
}

export function http(over: Partial<HttpRecord> = {}): HttpRecord {
  return {
    kind: 'http',
    ts: T0 + 7,
    uid: 'CHttp1',
    saddr: '10.0.0.5',
    sport: 50001,
    daddr: '93.184.216.34',
    dport: 80,
    proto: 'tcp',
    method: 'GET',
    host: 'www.example.com',
    uri: '/index.html',
    version: '1.1',
    userAgent: 'curl/8.0',
    requestBodyLen: 0,
    responseBodyLen: 1256,
    statusCode: 200,
    statusMsg: 'OK',
    respMimeTypes: ['text/html'],
    respFuids: [],
    origin: { file: 'http.log', line: 9 },
    ...over,
  };
}

export function ssh(over: Partial<SshRecord> = {}): SshRecord {
  return {
    kind: 'ssh',
    ts: T0 + 9,
    uid: 'CSsh1',
    saddr: '10.0.0.5',
    sport: 50002,
    daddr: '192.168.1.2',
    dport: 22,
    proto: 'tcp',
    version: 2,
    authSuccess: true,
    authAttempts: 1,
    client: 'SSH-2.0-OpenSSH_9.0',
    server: 'SSH-2.0-OpenSSH_8.4',
    cipherAlg: '',
    macAlg: '',
    compressionAlg: '',
    kexAlg: '',
    hostKeyAlg: '',
    hostKey: '',
    origin: { file: 'ssh.log', line: 9 },
    ...over,
  };
}

export function evidence(over: Partial<Evidence> = {}): Evidence {
  return {
    id: '11111111-2222-4333-8444-555555555555',
    evidenceType: 'HorizontalPortscan',
    description: 'Horizontal port scan to port 443/TCP. From 10.0.0.5 to 30 unique destination IPs.',
    attacker: { direction: 'SRC', iocType: 'IP', value: '10.0.0.5' },
    victim: { direction: 'DST', iocType: 'IP', value: '93.184.216.34' },
    threatLevel: 'high',
    confidence: 0.8,
    profile: 'profile_10.0.0.5',
    timewindow: { number: 1, start: T0, end: T0 + 3600 },
    uids: ['CAbc1', 'CAbc2'],
    timestamp: T0 + 5.123456,
    proto: 'tcp',
    srcPort: 50000,
    dstPort: 443,
    method: 'Heuristic',
    relIds: [],
    module: 'network_discovery',
    facts: { destinations: 30, packets: 30 },
    ...over,
  };
}

export function alert(over: Partial<Alert> = {}): Alert {
  const e = evidence();
  return {
    id: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
    profile: 'profile_10.0.0.5',
    ip: '10.0.0.5',
    timewindow: { number: 1, start: T0, end: T0 + 3600 },
    accumulatedThreatLevel: 15.2,
    correlIds: [e.id],
    lastEvidence: e,
    lastFlowTime: T0 + 5.123456,
    threatLevel: 'critical',
    confidence: 0.49,
    blocked: false,
    ...over,
  };
}

export function profile(ip = '10.0.0.5'): Profile {
  return { ip, id: `profile_${ip}`, firstSeen: T0, windows: new Map(), info: new Map() };
}

export function window(ip = '10.0.0.5', n = 1): TimeWindow {
  return emptyWindow(ip, n, T0 + 3600 * (n - 1), T0 + 3600 * n);
}
