// Zeek logs about hosts, files and events rather than one connection (dhcp, notice, files, arp, software,
// weird, x509) → records (slips-behaviour.md 2.2). Those without a uid of their own get a deterministic one.
import type {
  ArpRecord,
  DhcpRecord,
  FilesRecord,
  NoticeRecord,
  SoftwareRecord,
  WeirdRecord,
  X509Record,
} from '../../flow';
import { syntheticUid } from '../uid';
import { ID, opt, type ZeekKindSpec } from './zeekKindSpec';
import { fieldTable, type ZeekRow } from './zeekRow';

const DHCP = fieldTable({
  ts: 'ts',
  uids: 'uids',
  clientAddr: 'client_addr',
  serverAddr: 'server_addr',
  smac: 'mac',
  hostName: 'host_name',
  requestedAddr: 'requested_addr',
  label: 'label',
  detailedLabel: 'detailedlabel',
});
const DH = DHCP.at;

function dhcp(r: ZeekRow, file: string, line: number): DhcpRecord {
  const uids = r.list(DH.uids);
  const clientAddr = r.str(DH.clientAddr);
  const serverAddr = r.str(DH.serverAddr);
  const smac = r.str(DH.smac);
  return {
    kind: 'dhcp',
    ts: r.time(DH.ts),
    uid: uids[0] || syntheticUid(file, line),
    // A client without an address yet is known by its MAC (2.2).
    saddr: clientAddr || smac,
    sport: 0,
    daddr: serverAddr,
    dport: 0,
    proto: '',
    label: opt(r.str(DH.label)),
    detailedLabel: opt(r.str(DH.detailedLabel)),
    origin: { file, line },
    uids,
    clientAddr,
    serverAddr,
    smac,
    hostName: r.str(DH.hostName),
    requestedAddr: r.str(DH.requestedAddr),
  };
}

const NOTICE = fieldTable({
  ...ID,
  proto: 'proto',
  note: 'note',
  msg: 'msg',
  sub: 'sub',
  scanningIp: 'src',
  dst: 'dst',
  scannedPort: 'p',
});
const N = NOTICE.at;

function notice(r: ZeekRow, file: string, line: number): NoticeRecord {
  const scanningIp = r.str(N.scanningIp);
  const dst = r.str(N.dst);
  const scannedPort = r.num(N.scannedPort);
  // Scan notices have no connection: the scanner stands in for saddr, the target (or the scanner) for daddr.
  const saddr = r.str(N.saddr) || scanningIp;
  return {
    kind: 'notice',
    ts: r.time(N.ts),
    uid: r.str(N.uid) || syntheticUid(file, line),
    saddr,
    sport: r.num(N.sport),
    daddr: r.str(N.daddr) || dst || saddr,
    dport: r.num(N.dport) || scannedPort,
    proto: r.str(N.proto),
    label: opt(r.str(N.label)),
    detailedLabel: opt(r.str(N.detailedLabel)),
    origin: { file, line },
    note: r.str(N.note),
    msg: r.str(N.msg),
    sub: r.str(N.sub),
    scanningIp,
    dst,
    scannedPort,
  };
}

const FILES = fieldTable({
  ts: 'ts',
  fuid: 'fuid',
  txHosts: 'tx_hosts',
  rxHosts: 'rx_hosts',
  connUids: 'conn_uids',
  // Zeek ≥ 5 logs one connection (uid, id.*) instead of the host and uid sets.
  connUid: 'uid',
  saddr: 'id.orig_h',
  sport: 'id.orig_p',
  daddr: 'id.resp_h',
  dport: 'id.resp_p',
  source: 'source',
  analyzers: 'analyzers',
  mimeType: 'mime_type',
  md5: 'md5',
  sha1: 'sha1',
  sha256: 'sha256',
  size: 'total_bytes',
  label: 'label',
  detailedLabel: 'detailedlabel',
});
const FI = FILES.at;

function files(r: ZeekRow, file: string, line: number): FilesRecord {
  const fuid = r.str(FI.fuid);
  const connUids = r.list(FI.connUids);
  const connUid = r.str(FI.connUid);
  if (connUids.length === 0 && connUid) connUids.push(connUid);
  return {
    kind: 'files',
    ts: r.time(FI.ts),
    uid: fuid || syntheticUid(file, line),
    saddr: r.list(FI.txHosts)[0] || r.str(FI.saddr),
    sport: r.num(FI.sport),
    daddr: r.list(FI.rxHosts)[0] || r.str(FI.daddr),
    dport: r.num(FI.dport),
    proto: '',
    label: opt(r.str(FI.label)),
    detailedLabel: opt(r.str(FI.detailedLabel)),
    origin: { file, line },
    fuid,
    connUids,
    source: r.str(FI.source),
    analyzers: r.list(FI.analyzers),
    mimeType: r.str(FI.mimeType),
    md5: r.str(FI.md5),
    sha1: r.str(FI.sha1),
    sha256: r.str(FI.sha256),
    size: r.num(FI.size),
  };
}

const ARP = fieldTable({
  ts: 'ts',
  uid: 'uid',
  saddr: 'orig_h',
  daddr: 'resp_h',
  operation: 'operation',
  srcHw: 'orig_hw',
  dstHw: 'resp_hw',
  smac: 'src_mac',
  dmac: 'dst_mac',
  label: 'label',
  detailedLabel: 'detailedlabel',
});
const A = ARP.at;

function arp(r: ZeekRow, file: string, line: number): ArpRecord {
  return {
    kind: 'arp',
    ts: r.time(A.ts),
    uid: r.str(A.uid) || syntheticUid(file, line),
    saddr: r.str(A.saddr),
    sport: 0,
    daddr: r.str(A.daddr),
    dport: 0,
    proto: 'arp',
    label: opt(r.str(A.label)),
    detailedLabel: opt(r.str(A.detailedLabel)),
    origin: { file, line },
    operation: r.str(A.operation),
    srcHw: r.str(A.srcHw),
    dstHw: r.str(A.dstHw),
    smac: r.str(A.smac),
    dmac: r.str(A.dmac),
  };
}

const SOFTWARE = fieldTable({
  ts: 'ts',
  saddr: 'host',
  sport: 'host_p',
  software: 'software_type',
  softwareName: 'name',
  versionMajor: 'version.major',
  versionMinor: 'version.minor',
  unparsedVersion: 'unparsed_version',
  label: 'label',
  detailedLabel: 'detailedlabel',
});
const SW = SOFTWARE.at;

function software(r: ZeekRow, file: string, line: number): SoftwareRecord {
  const kind = r.str(SW.software);
  return {
    kind: 'software',
    ts: r.time(SW.ts),
    uid: syntheticUid(file, line),
    saddr: r.str(SW.saddr),
    sport: r.num(SW.sport),
    daddr: '',
    dport: 0,
    proto: '',
    label: opt(r.str(SW.label)),
    detailedLabel: opt(r.str(SW.detailedLabel)),
    origin: { file, line },
    software: kind,
    softwareName: r.str(SW.softwareName),
    versionMajor: r.str(SW.versionMajor),
    versionMinor: r.str(SW.versionMinor),
    unparsedVersion: r.str(SW.unparsedVersion),
    httpBrowser: kind === 'HTTP::BROWSER',
  };
}

const WEIRD = fieldTable({ ...ID, name: 'name', addl: 'addl' });
const W = WEIRD.at;

function weird(r: ZeekRow, file: string, line: number): WeirdRecord {
  return {
    kind: 'weird',
    ts: r.time(W.ts),
    uid: r.str(W.uid) || syntheticUid(file, line),
    saddr: r.str(W.saddr),
    sport: r.num(W.sport),
    daddr: r.str(W.daddr),
    dport: r.num(W.dport),
    proto: '',
    label: opt(r.str(W.label)),
    detailedLabel: opt(r.str(W.detailedLabel)),
    origin: { file, line },
    name: r.str(W.name),
    addl: r.str(W.addl),
  };
}

const X509 = fieldTable({
  ts: 'ts',
  // Zeek < 6 keyed certificates by file id, newer Zeek by fingerprint.
  certId: ['id', 'fingerprint'],
  subject: 'certificate.subject',
  issuer: 'certificate.issuer',
  notValidBefore: 'certificate.not_valid_before',
  notValidAfter: 'certificate.not_valid_after',
  sanDns: 'san.dns',
  label: 'label',
  detailedLabel: 'detailedlabel',
});
const X = X509.at;

function x509(r: ZeekRow, file: string, line: number): X509Record {
  const before = r.time(X.notValidBefore);
  const after = r.time(X.notValidAfter);
  return {
    kind: 'x509',
    ts: r.time(X.ts),
    uid: syntheticUid(file, line),
    saddr: '',
    sport: 0,
    daddr: '',
    dport: 0,
    proto: '',
    label: opt(r.str(X.label)),
    detailedLabel: opt(r.str(X.detailedLabel)),
    origin: { file, line },
    certId: r.str(X.certId),
    subject: r.str(X.subject),
    issuer: r.str(X.issuer),
    notValidBefore: before === before ? before : 0,
    notValidAfter: after === after ? after : 0,
    sanDns: r.list(X.sanDns),
  };
}

export const DHCP_SPEC: ZeekKindSpec = { kind: 'dhcp', table: DHCP, addresses: 'none', build: dhcp };
export const NOTICE_SPEC: ZeekKindSpec = {
  kind: 'notice',
  table: NOTICE,
  addresses: 'present',
  build: notice,
};
export const FILES_SPEC: ZeekKindSpec = { kind: 'files', table: FILES, addresses: 'present', build: files };
export const ARP_SPEC: ZeekKindSpec = { kind: 'arp', table: ARP, addresses: 'both', build: arp };
export const SOFTWARE_SPEC: ZeekKindSpec = {
  kind: 'software',
  table: SOFTWARE,
  addresses: 'source',
  build: software,
};
export const WEIRD_SPEC: ZeekKindSpec = { kind: 'weird', table: WEIRD, addresses: 'present', build: weird };
export const X509_SPEC: ZeekKindSpec = { kind: 'x509', table: X509, addresses: 'none', build: x509 };
