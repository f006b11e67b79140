// Builders for the application-layer records these tests need (conn and dns are in test/helpers).
import type {
  HttpRecord,
  SmtpRecord,
  SoftwareRecord,
  SshRecord,
  SslRecord,
  WeirdRecord,
} from '../../../../../engine/flow';

let n = 0;
const origin = () => ({ file: 'test', line: ++n });

export function ssl(p: Partial<SslRecord> & { ts: number }): SslRecord {
  return {
    kind: 'ssl',
    uid: `Sssl${n}`,
    saddr: '10.0.0.1',
    sport: 50000,
    daddr: '52.0.131.132',
    dport: 443,
    proto: 'tcp',
    version: 'TLSv12',
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

export function ssh(p: Partial<SshRecord> & { ts: number }): SshRecord {
  return {
    kind: 'ssh',
    uid: `Sssh${n}`,
    saddr: '192.168.2.1',
    sport: 57189,
    daddr: '192.168.2.16',
    dport: 22,
    proto: 'tcp',
    version: 2,
    authSuccess: undefined,
    authAttempts: 0,
    client: 'SSH-2.0-OpenSSH_6.2',
    server: 'SSH-2.0-OpenSSH_6.6',
    cipherAlg: '',
    macAlg: '',
    compressionAlg: '',
    kexAlg: '',
    hostKeyAlg: '',
    hostKey: '',
    origin: origin(),
    ...p,
  };
}

export function software(p: Partial<SoftwareRecord> & { ts: number }): SoftwareRecord {
  return {
    kind: 'software',
    uid: `Ssw${n}`,
    saddr: '192.168.1.247',
    sport: 0,
    daddr: '',
    dport: 0,
    proto: '',
    software: 'SSH::CLIENT',
    softwareName: 'OpenSSH',
    versionMajor: '8',
    versionMinor: '1',
    unparsedVersion: 'OpenSSH_8.1',
    httpBrowser: false,
    origin: origin(),
    ...p,
  };
}

export function smtp(p: Partial<SmtpRecord> & { ts: number }): SmtpRecord {
  return {
    kind: 'smtp',
    uid: `Ssmtp${n}`,
    saddr: '10.1.11.101',
    sport: 49000,
    daddr: '80.75.42.226',
    dport: 587,
    proto: 'tcp',
    lastReply: '554 5.7.1 bad smtp-auth user',
    mailfrom: '',
    rcptto: [],
    origin: origin(),
    ...p,
  };
}

export function http(p: Partial<HttpRecord> & { ts: number }): HttpRecord {
  return {
    kind: 'http',
    uid: `Shttp${n}`,
    saddr: '10.0.2.15',
    sport: 49156,
    daddr: '147.32.80.7',
    dport: 80,
    proto: 'tcp',
    method: 'GET',
    host: 'example.com',
    uri: '/index.html',
    version: '1.1',
    userAgent:
      'Mozilla/5.0 (Windows NT 6.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/60.0.3112.101 Safari/537.36',
    requestBodyLen: 0,
    responseBodyLen: 100,
    statusCode: 200,
    statusMsg: 'OK',
    respMimeTypes: ['text/html'],
    respFuids: [],
    origin: origin(),
    ...p,
  };
}

export function weird(p: Partial<WeirdRecord> & { ts: number }): WeirdRecord {
  return {
    kind: 'weird',
    uid: `Sweird${n}`,
    saddr: '10.0.2.15',
    sport: 49156,
    daddr: '147.32.80.7',
    dport: 80,
    proto: '',
    name: 'unknown_HTTP_method',
    addl: 'BADMETHOD',
    origin: origin(),
    ...p,
  };
}
