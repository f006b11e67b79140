// Compares application records read from a pcap with the dns/http/ssl/x509/ssh logs Zeek wrote for the
// same pcap: rows keyed (5-tuple plus what tells rows of one connection apart), then field by field,
// each of our records written as Zeek would write the column.
import { readFileSync } from 'node:fs';
import type { FlowRecord, SshRecord, SslRecord } from '../../../../engine/flow';
import type { PacketDhcpRecord } from '../../../../engine/inputs/pcap/analyzers/dhcp';
import type { PacketDnsRecord } from '../../../../engine/inputs/pcap/analyzers/dns';
import type { PacketFtpRecord } from '../../../../engine/inputs/pcap/analyzers/ftp';
import type { PacketSmtpRecord } from '../../../../engine/inputs/pcap/analyzers/smtp';
import type { PacketFilesRecord } from '../../../../engine/inputs/pcap/analyzers/transferredFile';
import type { PacketHttpRecord } from '../../../../engine/inputs/pcap/analyzers/http';
import type { PacketX509Record } from '../../../../engine/inputs/pcap/analyzers/tls';

export type Row = Record<string, string>;

export interface LogSpec {
  log: string;
  kind: FlowRecord['kind'];
  /** Fields the acceptance threshold is about. */
  key: readonly string[];
  /** Compared and printed, not part of the threshold. */
  extra: readonly string[];
  rowKey(r: Row): string;
  ours(rec: FlowRecord): Row;
  /** Zeek's set columns: compared in sorted order (a set has none). */
  sets?: readonly string[];
}

/** Rows of a Zeek TSV log. */
export function readZeekLog(path: string): Row[] {
  let names: string[] = [];
  const rows: Row[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('#fields')) names = line.split('\t').slice(1);
    if (line.length === 0 || line.startsWith('#')) continue;
    const cells = line.split('\t');
    const f: Row = {};
    names.forEach((n, i) => (f[n] = cells[i] ?? ''));
    rows.push(f);
  }
  return rows;
}

const tuple = (r: Row) => `${r['id.orig_h']} ${r['id.orig_p']} ${r['id.resp_h']} ${r['id.resp_p']}`;
const opt = (s: string) => (s === '' ? '-' : s);
const bool = (b: boolean | undefined) => (b === undefined ? '-' : b ? 'T' : 'F');
const list = (xs: readonly string[]) => (xs.length === 0 ? '-' : xs.join(','));
const num = (n: number | undefined) => (n === undefined ? '-' : String(n));
const interval = (n: number) => n.toFixed(6);
const sorted = (v: string) => (v === '-' || v === '(empty)' ? v : v.split(',').sort().join(','));
const idOf = (r: FlowRecord): Row => ({
  'id.orig_h': r.saddr,
  'id.orig_p': String(r.sport),
  'id.resp_h': r.daddr,
  'id.resp_p': String(r.dport),
});

export const SPECS: readonly LogSpec[] = [
  {
    log: 'dns.log',
    kind: 'dns',
    key: ['proto', 'trans_id', 'query', 'qclass_name', 'qtype_name', 'rcode_name', 'answers', 'TTLs'],
    extra: ['AA', 'TC', 'RD', 'RA', 'rtt', 'rejected'],
    rowKey: (r) => `${tuple(r)} ${r.proto} ${r.trans_id} ${r.query}`,
    ours: (rec) => {
      const r = rec as PacketDnsRecord;
      return {
        ...idOf(r),
        proto: r.proto,
        trans_id: String(r.transId),
        query: opt(r.query),
        qclass_name: opt(r.qclassName),
        qtype_name: opt(r.qtypeName),
        rcode_name: opt(r.rcodeName),
        answers: list(r.answers),
        TTLs: r.ttls.length === 0 ? '-' : r.ttls.map(interval).join(','),
        AA: bool(r.AA),
        TC: bool(r.TC),
        RD: bool(r.RD),
        RA: bool(r.RA),
        rtt: r.rtt === undefined ? '-' : interval(r.rtt),
        rejected: bool(r.rejected),
      };
    },
  },
  {
    log: 'http.log',
    kind: 'http',
    key: [
      'method',
      'host',
      'uri',
      'user_agent',
      'status_code',
      'request_body_len',
      'response_body_len',
      'resp_mime_types',
    ],
    extra: ['trans_depth', 'referrer', 'version', 'status_msg'],
    rowKey: (r) => `${tuple(r)} ${r.trans_depth}`,
    ours: (rec) => {
      const r = rec as PacketHttpRecord;
      return {
        ...idOf(r),
        trans_depth: String(r.transDepth),
        method: opt(r.method),
        host: opt(r.host),
        uri: opt(r.uri),
        referrer: opt(r.referrer),
        version: opt(r.version),
        user_agent: opt(r.userAgent),
        request_body_len: String(r.requestBodyLen),
        response_body_len: String(r.responseBodyLen),
        status_code: r.statusCode === 0 ? '-' : String(r.statusCode),
        status_msg: opt(r.statusMsg),
        resp_mime_types: list(r.respMimeTypes),
      };
    },
  },
  {
    log: 'ssl.log',
    kind: 'ssl',
    key: ['version', 'cipher', 'server_name', 'established', 'cert_chain_fps'],
    extra: ['curve', 'resumed', 'client_cert_chain_fps'],
    rowKey: (r) => tuple(r),
    ours: (rec) => {
      const r = rec as SslRecord;
      return {
        ...idOf(r),
        version: opt(r.version),
        cipher: opt(r.cipher),
        curve: opt(r.curve),
        server_name: opt(r.serverName),
        resumed: bool(r.resumed),
        established: bool(r.established),
        cert_chain_fps: r.certChainFps.length === 0 && !r.established ? '-' : list(r.certChainFps),
        client_cert_chain_fps: list(r.clientCertChainFps),
      };
    },
  },
  {
    log: 'x509.log',
    kind: 'x509',
    key: [
      'certificate.subject',
      'certificate.issuer',
      'certificate.not_valid_before',
      'certificate.not_valid_after',
      'san.dns',
    ],
    extra: ['host_cert', 'client_cert'],
    rowKey: (r) => `${r.fingerprint} ${r.client_cert}`,
    ours: (rec) => {
      const r = rec as PacketX509Record;
      return {
        fingerprint: r.certId,
        'certificate.subject': r.subject,
        'certificate.issuer': r.issuer,
        'certificate.not_valid_before': interval(r.notValidBefore),
        'certificate.not_valid_after': interval(r.notValidAfter),
        'san.dns': list(r.sanDns),
        host_cert: bool(r.hostCert),
        client_cert: bool(r.clientCert),
      };
    },
  },
  {
    log: 'ssh.log',
    kind: 'ssh',
    key: ['version', 'auth_success', 'auth_attempts', 'client', 'server'],
    extra: ['cipher_alg', 'mac_alg', 'compression_alg', 'kex_alg', 'host_key_alg', 'host_key'],
    rowKey: (r) => tuple(r),
    ours: (rec) => {
      const r = rec as SshRecord;
      return {
        ...idOf(r),
        version: num(r.version || undefined),
        auth_success: bool(r.authSuccess),
        auth_attempts: String(r.authAttempts),
        client: opt(r.client),
        server: opt(r.server),
        cipher_alg: opt(r.cipherAlg),
        mac_alg: opt(r.macAlg),
        compression_alg: opt(r.compressionAlg),
        kex_alg: opt(r.kexAlg),
        host_key_alg: opt(r.hostKeyAlg),
        host_key: opt(r.hostKey),
      };
    },
  },
  {
    log: 'dhcp.log',
    kind: 'dhcp',
    key: [
      'client_addr',
      'server_addr',
      'mac',
      'host_name',
      'requested_addr',
      'assigned_addr',
      'lease_time',
      'msg_types',
    ],
    extra: ['uid_count', 'client_fqdn', 'domain', 'client_message', 'server_message', 'duration'],
    rowKey: (r) => `${r.mac} ${r.msg_types}`,
    ours: (rec) => {
      const r = rec as PacketDhcpRecord;
      return {
        uid_count: String(r.uids.length),
        client_addr: opt(r.clientAddr),
        server_addr: opt(r.serverAddr),
        mac: opt(r.smac),
        host_name: opt(r.hostName),
        client_fqdn: opt(r.clientFqdn),
        domain: opt(r.domain),
        requested_addr: opt(r.requestedAddr),
        assigned_addr: opt(r.assignedAddr),
        lease_time: r.leaseTime < 0 ? '-' : interval(r.leaseTime),
        client_message: opt(r.clientMessage),
        server_message: opt(r.serverMessage),
        msg_types: list(r.msgTypes),
        duration: interval(r.duration),
      };
    },
  },
  {
    log: 'ftp.log',
    kind: 'ftp',
    key: ['user', 'command', 'arg', 'reply_code', 'reply_msg', 'data_channel.resp_p'],
    extra: ['password', 'data_channel.passive', 'data_channel.orig_h', 'data_channel.resp_h'],
    rowKey: (r) => `${tuple(r)} ${r.command}`,
    ours: (rec) => {
      const r = rec as PacketFtpRecord;
      return {
        ...idOf(r),
        user: opt(r.user),
        password: opt(r.password),
        command: r.command,
        arg: opt(r.arg),
        reply_code: r.replyCode === 0 ? '-' : String(r.replyCode),
        reply_msg: opt(r.replyMsg),
        'data_channel.passive': bool(r.passive),
        'data_channel.orig_h': opt(r.dataOrig),
        'data_channel.resp_h': opt(r.dataResp),
        'data_channel.resp_p': r.usedPort === 0 ? '-' : String(r.usedPort),
      };
    },
  },
  {
    log: 'smtp.log',
    kind: 'smtp',
    key: ['helo', 'mailfrom', 'rcptto', 'from', 'to', 'subject', 'last_reply', 'tls'],
    extra: ['date', 'cc', 'reply_to', 'msg_id', 'in_reply_to', 'path', 'user_agent'],
    sets: ['rcptto', 'to', 'cc'],
    rowKey: (r) => `${tuple(r)} ${r.trans_depth}`,
    ours: (rec) => {
      const r = rec as PacketSmtpRecord;
      return {
        ...idOf(r),
        trans_depth: String(r.transDepth),
        helo: opt(r.helo),
        mailfrom: opt(r.mailfrom),
        rcptto: list(r.rcptto),
        date: opt(r.date),
        from: opt(r.from),
        to: list(r.to),
        cc: list(r.cc),
        reply_to: opt(r.replyTo),
        msg_id: opt(r.msgId),
        in_reply_to: opt(r.inReplyTo),
        subject: opt(r.subject),
        last_reply: opt(r.lastReply),
        path: list(r.path),
        user_agent: opt(r.userAgent),
        tls: bool(r.tls),
      };
    },
  },
  {
    log: 'files.log',
    kind: 'files',
    key: ['source', 'mime_type', 'seen_bytes', 'missing_bytes'],
    extra: ['filename', 'is_orig', 'total_bytes'],
    rowKey: (r) => `${tuple(r)} ${r.depth}`,
    ours: (rec) => {
      const r = rec as PacketFilesRecord;
      return {
        ...idOf(r),
        depth: String(r.depth),
        source: r.source,
        mime_type: opt(r.mimeType),
        filename: opt(r.filename),
        is_orig: bool(r.isOrig),
        seen_bytes: String(r.seenBytes),
        total_bytes: r.totalBytes < 0 ? '-' : String(r.totalBytes),
        missing_bytes: String(r.missingBytes),
      };
    },
  },
];

export interface LogMatch {
  expected: number;
  found: number;
  same: Record<string, number>;
  /** Rows found with every key field identical. */
  allSame: number;
  mismatches: string[];
}

/** Matches Zeek's rows with ours by key (several rows with one key are paired in order). */
export function compareLog(spec: LogSpec, expected: Row[], records: FlowRecord[]): LogMatch {
  const byKey = new Map<string, Row[]>();
  for (const rec of records) {
    if (rec.kind !== spec.kind) continue;
    const row = spec.ours(rec);
    const k = spec.rowKey(row);
    const l = byKey.get(k);
    if (l) l.push(row);
    else byKey.set(k, [row]);
  }
  const fields = [...spec.key, ...spec.extra];
  const same: Record<string, number> = Object.fromEntries(fields.map((f) => [f, 0]));
  let found = 0;
  let allSame = 0;
  const mismatches: string[] = [];
  for (const row of expected) {
    const k = spec.rowKey(row);
    const ours = byKey.get(k)?.shift();
    if (ours === undefined) {
      mismatches.push(`missing: ${k}`);
      continue;
    }
    found++;
    let ok = true;
    const diffs: string[] = [];
    if (spec.log === 'dhcp.log') row.uid_count = String((row.uids ?? '').split(',').length);
    for (const f of fields) {
      const set = spec.sets?.includes(f) ?? false;
      const exp = set ? sorted(row[f] ?? '') : (row[f] ?? '');
      const got = set ? sorted(ours[f] ?? '') : (ours[f] ?? '');
      const equal = f === 'rtt' ? (exp === '-') === (got === '-') : exp === got;
      if (equal) same[f]!++;
      else {
        diffs.push(`${f}: zeek ${exp.slice(0, 80)} ours ${got.slice(0, 80)}`);
        if (spec.key.includes(f)) ok = false;
      }
    }
    if (ok) allSame++;
    if (diffs.length > 0) mismatches.push(`${k}: ${diffs.join('; ')}`);
  }
  return { expected: expected.length, found, same, allSame, mismatches };
}
