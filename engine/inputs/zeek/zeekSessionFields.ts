// Zeek logs of application sessions on a connection (ssl, ssh, ftp, smtp, tunnel, login) → records
// (slips-behaviour.md 2.2).
import type { FtpRecord, LoginRecord, SmtpRecord, SshRecord, SslRecord, TunnelRecord } from '../../flow';
import { syntheticUid } from '../uid';
import { ID, opt, type ZeekKindSpec } from './zeekKindSpec';
import { fieldTable, type ZeekRow } from './zeekRow';

const SSL = fieldTable({
  ...ID,
  version: 'version',
  cipher: 'cipher',
  curve: 'curve',
  serverName: 'server_name',
  resumed: 'resumed',
  established: 'established',
  // Zeek ≥ 4 logs certificate fingerprints; older logs only the file ids.
  certChainFps: ['cert_chain_fps', 'cert_chain_fuids'],
  clientCertChainFps: ['client_cert_chain_fps', 'client_cert_chain_fuids'],
  subject: 'subject',
  // Newest Slips drops issuer (a quirk); 0.7.1 kept it and the CN-mismatch check needs it.
  issuer: 'issuer',
  validationStatus: 'validation_status',
  ja3: 'ja3',
  ja3s: 'ja3s',
  // Newest Slips' field map leaves this column out, so its DoH detection never fires (2.2 quirk); it is read here.
  isDoh: 'is_DoH',
});
const S = SSL.at;

function ssl(r: ZeekRow, file: string, line: number): SslRecord {
  return {
    kind: 'ssl',
    ts: r.time(S.ts),
    uid: r.str(S.uid) || syntheticUid(file, line),
    saddr: r.str(S.saddr),
    sport: r.num(S.sport),
    daddr: r.str(S.daddr),
    dport: r.num(S.dport),
    proto: '',
    label: opt(r.str(S.label)),
    detailedLabel: opt(r.str(S.detailedLabel)),
    origin: { file, line },
    version: r.str(S.version),
    cipher: r.str(S.cipher),
    curve: r.str(S.curve),
    serverName: r.str(S.serverName),
    resumed: r.bool(S.resumed) === true,
    established: r.bool(S.established) === true,
    certChainFps: r.list(S.certChainFps),
    clientCertChainFps: r.list(S.clientCertChainFps),
    subject: r.str(S.subject),
    issuer: r.str(S.issuer),
    validationStatus: r.str(S.validationStatus),
    ja3: r.str(S.ja3),
    ja3s: r.str(S.ja3s),
    // Certificate validity comes from x509.log for Zeek; only Suricata's tls events carry it inline.
    notBefore: '',
    notAfter: '',
    isDoh: r.bool(S.isDoh),
  };
}

const SSH = fieldTable({
  ...ID,
  version: 'version',
  authSuccess: 'auth_success',
  authAttempts: 'auth_attempts',
  client: 'client',
  server: 'server',
  cipherAlg: 'cipher_alg',
  macAlg: 'mac_alg',
  compressionAlg: 'compression_alg',
  kexAlg: 'kex_alg',
  hostKeyAlg: 'host_key_alg',
  // Zeek 9 renamed host_key.
  hostKey: ['host_key', 'host_key_fingerprint'],
});
const SH = SSH.at;

function ssh(r: ZeekRow, file: string, line: number): SshRecord {
  return {
    kind: 'ssh',
    ts: r.time(SH.ts),
    uid: r.str(SH.uid) || syntheticUid(file, line),
    saddr: r.str(SH.saddr),
    sport: r.num(SH.sport),
    daddr: r.str(SH.daddr),
    dport: r.num(SH.dport),
    proto: '',
    label: opt(r.str(SH.label)),
    detailedLabel: opt(r.str(SH.detailedLabel)),
    origin: { file, line },
    version: r.num(SH.version),
    authSuccess: r.bool(SH.authSuccess),
    authAttempts: r.num(SH.authAttempts),
    client: r.str(SH.client),
    server: r.str(SH.server),
    cipherAlg: r.str(SH.cipherAlg),
    macAlg: r.str(SH.macAlg),
    compressionAlg: r.str(SH.compressionAlg),
    kexAlg: r.str(SH.kexAlg),
    hostKeyAlg: r.str(SH.hostKeyAlg),
    hostKey: r.str(SH.hostKey),
  };
}

const FTP = fieldTable({
  ...ID,
  usedPort: 'data_channel.resp_p',
  user: 'user',
  command: 'command',
  replyCode: 'reply_code',
  replyMsg: 'reply_msg',
});
const F = FTP.at;

function ftp(r: ZeekRow, file: string, line: number): FtpRecord {
  return {
    kind: 'ftp',
    ts: r.time(F.ts),
    uid: r.str(F.uid) || syntheticUid(file, line),
    saddr: r.str(F.saddr),
    sport: r.num(F.sport),
    daddr: r.str(F.daddr),
    dport: r.num(F.dport),
    proto: '',
    label: opt(r.str(F.label)),
    detailedLabel: opt(r.str(F.detailedLabel)),
    origin: { file, line },
    usedPort: r.num(F.usedPort),
    user: r.str(F.user),
    command: r.str(F.command),
    replyCode: r.num(F.replyCode),
    replyMsg: r.str(F.replyMsg),
  };
}

const SMTP = fieldTable({ ...ID, lastReply: 'last_reply', mailfrom: 'mailfrom', rcptto: 'rcptto' });
const SM = SMTP.at;

function smtp(r: ZeekRow, file: string, line: number): SmtpRecord {
  return {
    kind: 'smtp',
    ts: r.time(SM.ts),
    uid: r.str(SM.uid) || syntheticUid(file, line),
    saddr: r.str(SM.saddr),
    sport: r.num(SM.sport),
    daddr: r.str(SM.daddr),
    dport: r.num(SM.dport),
    proto: '',
    label: opt(r.str(SM.label)),
    detailedLabel: opt(r.str(SM.detailedLabel)),
    origin: { file, line },
    lastReply: r.str(SM.lastReply),
    mailfrom: r.str(SM.mailfrom),
    rcptto: r.list(SM.rcptto),
  };
}

const TUNNEL = fieldTable({ ...ID, tunnelType: 'tunnel_type', action: 'action' });
const T = TUNNEL.at;

function tunnel(r: ZeekRow, file: string, line: number): TunnelRecord {
  return {
    kind: 'tunnel',
    ts: r.time(T.ts),
    uid: r.str(T.uid) || syntheticUid(file, line),
    saddr: r.str(T.saddr),
    sport: r.num(T.sport),
    daddr: r.str(T.daddr),
    dport: r.num(T.dport),
    proto: '',
    label: opt(r.str(T.label)),
    detailedLabel: opt(r.str(T.detailedLabel)),
    origin: { file, line },
    tunnelType: r.str(T.tunnelType),
    action: r.str(T.action),
  };
}

const LOGIN = fieldTable({
  ...ID,
  proto: 'proto',
  success: 'success',
  confused: 'confused',
  user: 'user',
  clientUser: 'client_user',
  password: 'password',
});
const L = LOGIN.at;

function login(r: ZeekRow, file: string, line: number): LoginRecord {
  return {
    kind: 'login',
    ts: r.time(L.ts),
    uid: r.str(L.uid) || syntheticUid(file, line),
    saddr: r.str(L.saddr),
    sport: r.num(L.sport),
    daddr: r.str(L.daddr),
    dport: r.num(L.dport),
    proto: r.str(L.proto),
    label: opt(r.str(L.label)),
    detailedLabel: opt(r.str(L.detailedLabel)),
    origin: { file, line },
    success: r.bool(L.success) === true,
    confused: r.bool(L.confused) === true,
    user: r.str(L.user),
    clientUser: r.str(L.clientUser),
    password: r.str(L.password),
  };
}

export const SSL_SPEC: ZeekKindSpec = { kind: 'ssl', table: SSL, addresses: 'both', build: ssl };
export const SSH_SPEC: ZeekKindSpec = { kind: 'ssh', table: SSH, addresses: 'both', build: ssh };
export const FTP_SPEC: ZeekKindSpec = { kind: 'ftp', table: FTP, addresses: 'both', build: ftp };
export const SMTP_SPEC: ZeekKindSpec = { kind: 'smtp', table: SMTP, addresses: 'both', build: smtp };
export const TUNNEL_SPEC: ZeekKindSpec = { kind: 'tunnel', table: TUNNEL, addresses: 'both', build: tunnel };
export const LOGIN_SPEC: ZeekKindSpec = { kind: 'login', table: LOGIN, addresses: 'both', build: login };
