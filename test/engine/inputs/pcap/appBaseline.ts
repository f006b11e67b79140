// Compares application records read from a pcap with the dns/http/ssl/x509/ssh logs Zeek wrote for the
// same pcap: rows keyed (5-tuple plus what tells rows of one connection apart), then field by field,
// each of our records written as Zeek would write the column.
import { readFileSync } from 'node:fs';
import type { FlowRecord, SshRecord, SslRecord } from '../../../../engine/flow';
import type { PacketDnsRecord } from '../../../../engine/inputs/pcap/analyzers/dns';
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
    for (const f of fields) {
      const exp = row[f] ?? '';
      const got = ours[f] ?? '';
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
