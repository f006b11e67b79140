// The columns of each Zeek log the pcap reader can fill, in Zeek's order and with Zeek's types (as Zeek
// 8 writes them, plus the columns upstream Slips' Zeek scripts add: MACs in conn.log, ja3/ja3s and the
// certificate fields in ssl.log). A column the reader has no value for is written unset, as Zeek does
// for a field it did not set.
import type { ArpRecord, FlowKind, FlowRecord, SshRecord, TunnelRecord, WeirdRecord } from '../../../flow';
import type { PacketDhcpRecord } from '../analyzers/dhcp';
import type { PacketDnsRecord } from '../analyzers/dns';
import type { PacketFtpRecord } from '../analyzers/ftp';
import type { PacketFilesRecord } from '../analyzers/transferredFile';
import type { PacketSmtpRecord } from '../analyzers/smtp';
import type { PacketSoftwareRecord } from '../analyzers/software';
import type { PacketHttpRecord } from '../analyzers/http';
import type { PacketX509Record } from '../analyzers/tls';
import type { PacketConnRecord } from '../connection';
import type { SslRecord } from '../../../flow';

/** A value as a column holds it: undefined is unset (`-`), an empty list is `(empty)`. */
export type ColumnValue = string | number | boolean | undefined | readonly string[] | readonly number[];

export type ZeekType =
  | 'time'
  | 'interval'
  | 'count'
  | 'port'
  | 'addr'
  | 'string'
  | 'enum'
  | 'bool'
  | 'set[string]'
  | 'set[enum]'
  | 'vector[string]'
  | 'vector[interval]'
  | 'vector[addr]';

export interface Column<R> {
  name: string;
  type: ZeekType;
  get(r: R): ColumnValue;
}

export interface LogSpec<R extends FlowRecord = FlowRecord> {
  path: string;
  columns: readonly Column<R>[];
}

const c = <R>(name: string, type: ZeekType, get: (r: R) => ColumnValue): Column<R> => ({ name, type, get });
const unset = <R>(name: string, type: ZeekType): Column<R> => ({ name, type, get: () => undefined });
/** Strings the reader leaves '' when it saw nothing: unset in the log. */
const s = (v: string): string | undefined => (v === '' ? undefined : v);
/** Optional containers: unset when empty, as Zeek leaves them. */
const list = <T>(v: readonly T[]): readonly T[] | undefined => (v.length === 0 ? undefined : v);
/** Counts the reader leaves 0 when the message had none (status codes, versions). */
const nz = (v: number): number | undefined => (v === 0 ? undefined : v);

function id<R extends FlowRecord>(): Column<R>[] {
  return [
    c('ts', 'time', (r) => r.ts),
    c('uid', 'string', (r) => r.uid),
    c('id.orig_h', 'addr', (r) => r.saddr),
    c('id.orig_p', 'port', (r) => r.sport),
    c('id.resp_h', 'addr', (r) => r.daddr),
    c('id.resp_p', 'port', (r) => r.dport),
  ];
}

/** Zeek sets duration and the byte counts only for connections that lasted (more than one packet time). */
const lasted = (r: PacketConnRecord) => r.dur > 0;

const CONN: LogSpec<PacketConnRecord> = {
  path: 'conn',
  columns: [
    ...id<PacketConnRecord>(),
    c('proto', 'enum', (r) => (r.proto === '' ? 'unknown_transport' : r.proto)),
    c('service', 'string', (r) => s(r.appproto)),
    c('duration', 'interval', (r) => (lasted(r) ? r.dur : undefined)),
    c('orig_bytes', 'count', (r) => (lasted(r) ? r.sbytes : undefined)),
    c('resp_bytes', 'count', (r) => (lasted(r) ? r.dbytes : undefined)),
    c('conn_state', 'string', (r) => s(r.state)),
    c('local_orig', 'bool', () => false),
    c('local_resp', 'bool', () => false),
    c('missed_bytes', 'count', (r) => r.missedBytes),
    c('history', 'string', (r) => s(r.history)),
    c('orig_pkts', 'count', (r) => r.spkts),
    c('orig_ip_bytes', 'count', (r) => r.origIpBytes),
    c('resp_pkts', 'count', (r) => r.dpkts),
    c('resp_ip_bytes', 'count', (r) => r.respIpBytes),
    c('tunnel_parents', 'set[string]', (r) => list(r.tunnelParents)),
    c('ip_proto', 'count', (r) => r.ipProto),
    c('orig_l2_addr', 'string', (r) => s(r.smac)),
    c('resp_l2_addr', 'string', (r) => s(r.dmac)),
  ],
};

const DNS: LogSpec<PacketDnsRecord> = {
  path: 'dns',
  columns: [
    ...id<PacketDnsRecord>(),
    c('proto', 'enum', (r) => r.proto),
    c('trans_id', 'count', (r) => r.transId),
    c('rtt', 'interval', (r) => r.rtt),
    c('query', 'string', (r) => s(r.query)),
    c('qclass', 'count', (r) => r.qclass),
    c('qclass_name', 'string', (r) => s(r.qclassName)),
    c('qtype', 'count', (r) => r.qtype),
    c('qtype_name', 'string', (r) => s(r.qtypeName)),
    c('rcode', 'count', (r) => r.rcode),
    c('rcode_name', 'string', (r) => s(r.rcodeName)),
    c('AA', 'bool', (r) => r.AA),
    c('TC', 'bool', (r) => r.TC),
    c('RD', 'bool', (r) => r.RD),
    c('RA', 'bool', (r) => r.RA),
    c('Z', 'count', () => 0),
    c('answers', 'vector[string]', (r) => list(r.answers)),
    c('TTLs', 'vector[interval]', (r) => list(r.ttls)),
    c('rejected', 'bool', (r) => r.rejected),
  ],
};

const HTTP: LogSpec<PacketHttpRecord> = {
  path: 'http',
  columns: [
    ...id<PacketHttpRecord>(),
    c('trans_depth', 'count', (r) => r.transDepth),
    c('method', 'string', (r) => s(r.method)),
    c('host', 'string', (r) => s(r.host)),
    c('uri', 'string', (r) => s(r.uri)),
    c('referrer', 'string', (r) => s(r.referrer)),
    c('version', 'string', (r) => s(r.version)),
    c('user_agent', 'string', (r) => s(r.userAgent)),
    unset('origin', 'string'),
    c('request_body_len', 'count', (r) => r.requestBodyLen),
    c('response_body_len', 'count', (r) => r.responseBodyLen),
    c('status_code', 'count', (r) => nz(r.statusCode)),
    c('status_msg', 'string', (r) => s(r.statusMsg)),
    c('info_code', 'count', (r) => nz(r.infoCode)),
    unset('info_msg', 'string'),
    c('tags', 'set[enum]', () => []),
    unset('username', 'string'),
    unset('password', 'string'),
    unset('proxied', 'set[string]'),
    c('orig_fuids', 'vector[string]', (r) => list(r.origFuids)),
    unset('orig_filenames', 'vector[string]'),
    c('orig_mime_types', 'vector[string]', (r) => list(r.origMimeTypes)),
    c('resp_fuids', 'vector[string]', (r) => list(r.respFuids)),
    unset('resp_filenames', 'vector[string]'),
    c('resp_mime_types', 'vector[string]', (r) => list(r.respMimeTypes)),
  ],
};

const SSL: LogSpec<SslRecord> = {
  path: 'ssl',
  columns: [
    ...id<SslRecord>(),
    c('version', 'string', (r) => s(r.version)),
    c('cipher', 'string', (r) => s(r.cipher)),
    c('curve', 'string', (r) => s(r.curve)),
    c('server_name', 'string', (r) => s(r.serverName)),
    c('resumed', 'bool', (r) => r.resumed),
    unset('last_alert', 'string'),
    unset('next_protocol', 'string'),
    c('established', 'bool', (r) => r.established),
    unset('ssl_history', 'string'),
    c('cert_chain_fps', 'vector[string]', (r) => list(r.certChainFps)),
    c('client_cert_chain_fps', 'vector[string]', (r) => list(r.clientCertChainFps)),
    unset('sni_matches_cert', 'bool'),
    c('subject', 'string', (r) => s(r.subject)),
    c('issuer', 'string', (r) => s(r.issuer)),
    c('validation_status', 'string', (r) => s(r.validationStatus)),
    c('ja3', 'string', (r) => s(r.ja3)),
    c('ja3s', 'string', (r) => s(r.ja3s)),
  ],
};

const X509: LogSpec<PacketX509Record> = {
  path: 'x509',
  columns: [
    c('ts', 'time', (r) => r.ts),
    c('fingerprint', 'string', (r) => s(r.certId)),
    unset('certificate.version', 'count'),
    unset('certificate.serial', 'string'),
    c('certificate.subject', 'string', (r) => s(r.subject)),
    c('certificate.issuer', 'string', (r) => s(r.issuer)),
    c('certificate.not_valid_before', 'time', (r) => r.notValidBefore),
    c('certificate.not_valid_after', 'time', (r) => r.notValidAfter),
    unset('certificate.key_alg', 'string'),
    unset('certificate.sig_alg', 'string'),
    unset('certificate.key_type', 'string'),
    unset('certificate.key_length', 'count'),
    unset('certificate.exponent', 'string'),
    unset('certificate.curve', 'string'),
    c('san.dns', 'vector[string]', (r) => list(r.sanDns)),
    unset('san.uri', 'vector[string]'),
    unset('san.email', 'vector[string]'),
    unset('san.ip', 'vector[addr]'),
    unset('basic_constraints.ca', 'bool'),
    unset('basic_constraints.path_len', 'count'),
    c('host_cert', 'bool', (r) => r.hostCert),
    c('client_cert', 'bool', (r) => r.clientCert),
  ],
};

const SSH: LogSpec<SshRecord> = {
  path: 'ssh',
  columns: [
    ...id<SshRecord>(),
    c('version', 'count', (r) => nz(r.version)),
    c('auth_success', 'bool', (r) => r.authSuccess),
    c('auth_attempts', 'count', (r) => r.authAttempts),
    unset('direction', 'enum'),
    c('client', 'string', (r) => s(r.client)),
    c('server', 'string', (r) => s(r.server)),
    c('cipher_alg', 'string', (r) => s(r.cipherAlg)),
    c('mac_alg', 'string', (r) => s(r.macAlg)),
    c('compression_alg', 'string', (r) => s(r.compressionAlg)),
    c('kex_alg', 'string', (r) => s(r.kexAlg)),
    c('host_key_alg', 'string', (r) => s(r.hostKeyAlg)),
    c('host_key', 'string', (r) => s(r.hostKey)),
  ],
};

const WEIRD: LogSpec<WeirdRecord> = {
  path: 'weird',
  columns: [
    ...id<WeirdRecord>(),
    c('name', 'string', (r) => r.name),
    c('addl', 'string', (r) => s(r.addl)),
    c('notice', 'bool', () => false),
    unset('peer', 'string'),
    unset('source', 'string'),
  ],
};

const TUNNEL: LogSpec<TunnelRecord> = {
  path: 'tunnel',
  columns: [
    ...id<TunnelRecord>(),
    c('tunnel_type', 'enum', (r) => r.tunnelType),
    c('action', 'enum', (r) => r.action),
  ],
};

/** Slips' own arp.log (its Zeek script), with the uid kept so records can be told apart. */
const ARP: LogSpec<ArpRecord> = {
  path: 'arp',
  columns: [
    c('ts', 'time', (r) => r.ts),
    c('uid', 'string', (r) => r.uid),
    c('operation', 'string', (r) => r.operation),
    c('src_mac', 'string', (r) => s(r.smac)),
    c('dst_mac', 'string', (r) => s(r.dmac)),
    c('orig_h', 'addr', (r) => r.saddr),
    c('resp_h', 'addr', (r) => r.daddr),
    c('orig_hw', 'string', (r) => s(r.srcHw)),
    c('resp_hw', 'string', (r) => s(r.dstHw)),
  ],
};

const DHCP: LogSpec<PacketDhcpRecord> = {
  path: 'dhcp',
  columns: [
    c('ts', 'time', (r) => r.ts),
    c('uids', 'set[string]', (r) => r.uids),
    c('client_addr', 'addr', (r) => s(r.clientAddr)),
    c('server_addr', 'addr', (r) => s(r.serverAddr)),
    c('mac', 'string', (r) => s(r.smac)),
    c('host_name', 'string', (r) => s(r.hostName)),
    c('client_fqdn', 'string', (r) => s(r.clientFqdn)),
    c('domain', 'string', (r) => s(r.domain)),
    c('requested_addr', 'addr', (r) => s(r.requestedAddr)),
    c('assigned_addr', 'addr', (r) => s(r.assignedAddr)),
    c('lease_time', 'interval', (r) => (r.leaseTime < 0 ? undefined : r.leaseTime)),
    c('client_message', 'string', (r) => s(r.clientMessage)),
    c('server_message', 'string', (r) => s(r.serverMessage)),
    c('msg_types', 'vector[string]', (r) => r.msgTypes),
    c('duration', 'interval', (r) => r.duration),
  ],
};

const FTP: LogSpec<PacketFtpRecord> = {
  path: 'ftp',
  columns: [
    ...id<PacketFtpRecord>(),
    c('user', 'string', (r) => s(r.user)),
    c('password', 'string', (r) => s(r.password)),
    c('command', 'string', (r) => s(r.command)),
    c('arg', 'string', (r) => s(r.arg)),
    unset('mime_type', 'string'),
    unset('file_size', 'count'),
    c('reply_code', 'count', (r) => nz(r.replyCode)),
    c('reply_msg', 'string', (r) => s(r.replyMsg)),
    c('data_channel.passive', 'bool', (r) => r.passive),
    c('data_channel.orig_h', 'addr', (r) => s(r.dataOrig)),
    c('data_channel.resp_h', 'addr', (r) => s(r.dataResp)),
    c('data_channel.resp_p', 'port', (r) => nz(r.usedPort)),
    unset('fuid', 'string'),
  ],
};

const SMTP: LogSpec<PacketSmtpRecord> = {
  path: 'smtp',
  columns: [
    ...id<PacketSmtpRecord>(),
    c('trans_depth', 'count', (r) => r.transDepth),
    c('helo', 'string', (r) => s(r.helo)),
    c('mailfrom', 'string', (r) => s(r.mailfrom)),
    c('rcptto', 'set[string]', (r) => list(r.rcptto)),
    c('date', 'string', (r) => s(r.date)),
    c('from', 'string', (r) => s(r.from)),
    c('to', 'set[string]', (r) => list(r.to)),
    c('cc', 'set[string]', (r) => list(r.cc)),
    c('reply_to', 'string', (r) => s(r.replyTo)),
    c('msg_id', 'string', (r) => s(r.msgId)),
    c('in_reply_to', 'string', (r) => s(r.inReplyTo)),
    c('subject', 'string', (r) => s(r.subject)),
    c('x_originating_ip', 'addr', (r) => s(r.xOriginatingIp)),
    c('first_received', 'string', (r) => s(r.firstReceived)),
    c('second_received', 'string', (r) => s(r.secondReceived)),
    c('last_reply', 'string', (r) => s(r.lastReply)),
    c('path', 'vector[addr]', (r) => list(r.path)),
    c('user_agent', 'string', (r) => s(r.userAgent)),
    c('tls', 'bool', (r) => r.tls),
    c('fuids', 'vector[string]', (r) => list(r.fuids)),
  ],
};

/** Version parts are counts in Zeek's software.log; the reader keeps them as text. */
const versionPart = (v: string): number | undefined => (v === '' ? undefined : Number(v));

const SOFTWARE: LogSpec<PacketSoftwareRecord> = {
  path: 'software',
  columns: [
    c('ts', 'time', (r) => r.ts),
    c('host', 'addr', (r) => r.saddr),
    c('host_p', 'port', (r) => nz(r.sport)),
    c('software_type', 'enum', (r) => r.software),
    c('name', 'string', (r) => r.softwareName),
    c('version.major', 'count', (r) => versionPart(r.versionMajor)),
    c('version.minor', 'count', (r) => versionPart(r.versionMinor)),
    c('version.minor2', 'count', (r) => versionPart(r.versionMinor2)),
    c('version.minor3', 'count', (r) => versionPart(r.versionMinor3)),
    c('version.addl', 'string', (r) => s(r.versionAddl)),
    c('unparsed_version', 'string', (r) => r.unparsedVersion),
  ],
};

const FILES: LogSpec<PacketFilesRecord> = {
  path: 'files',
  columns: [
    c('ts', 'time', (r) => r.ts),
    c('fuid', 'string', (r) => r.fuid),
    c('uid', 'string', (r) => r.connUids[0]),
    c('id.orig_h', 'addr', (r) => r.saddr),
    c('id.orig_p', 'port', (r) => r.sport),
    c('id.resp_h', 'addr', (r) => r.daddr),
    c('id.resp_p', 'port', (r) => r.dport),
    c('source', 'string', (r) => s(r.source)),
    c('depth', 'count', (r) => r.depth),
    c('analyzers', 'set[string]', (r) => r.analyzers),
    c('mime_type', 'string', (r) => s(r.mimeType)),
    c('filename', 'string', (r) => s(r.filename)),
    c('duration', 'interval', (r) => r.duration),
    c('local_orig', 'bool', () => false),
    c('is_orig', 'bool', (r) => r.isOrig),
    c('seen_bytes', 'count', (r) => r.seenBytes),
    c('total_bytes', 'count', (r) => (r.totalBytes < 0 ? undefined : r.totalBytes)),
    c('missing_bytes', 'count', (r) => r.missingBytes),
    c('overflow_bytes', 'count', () => 0),
    c('timedout', 'bool', () => false),
    unset('parent_fuid', 'string'),
    c('md5', 'string', (r) => s(r.md5)),
    c('sha1', 'string', (r) => s(r.sha1)),
    unset('sha256', 'string'),
  ],
};

/** The log of each record kind the pcap reader produces. */
export const LOG_SPECS: Partial<Record<FlowKind, LogSpec>> = {
  conn: CONN as LogSpec,
  dns: DNS as LogSpec,
  http: HTTP as LogSpec,
  ssl: SSL as LogSpec,
  x509: X509 as LogSpec,
  ssh: SSH as LogSpec,
  weird: WEIRD as LogSpec,
  tunnel: TUNNEL as LogSpec,
  arp: ARP as LogSpec,
  dhcp: DHCP as LogSpec,
  ftp: FTP as LogSpec,
  smtp: SMTP as LogSpec,
  software: SOFTWARE as LogSpec,
  files: FILES as LogSpec,
};
