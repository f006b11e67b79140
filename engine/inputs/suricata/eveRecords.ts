// Eve events → flow records, one builder per event type Slips reads (slips-behaviour.md 2.5,
// newest column, with quirk Q7 fixed: the DNS query comes from `rrname`, tls/fileinfo are kept).
// Each builder returns the record, or a sentence saying why the event cannot be one.
// The header fields are copied one by one: an object spread followed by more properties takes
// V8's slow path and made flow events 3x slower.
import { isIPv6 } from 'node:net';
import type {
  ConnRecord,
  DnsRecord,
  FilesRecord,
  FlowRecord,
  HttpRecord,
  SshRecord,
  SslRecord,
} from '../../flow';
import { quote } from '../argus/fields';
import { parseTimestamp } from '../timestamps';
import { canonicalIPv6 } from './canonicalIPv6';
import { eveHeader, macs } from './eveHeader';
import { num, obj, str, strings, type Json } from './eveValues';

function flowEvent(o: Json, file: string, line: number): ConnRecord | string {
  const flow = obj(o.flow);
  if (!flow) return 'flow event without a "flow" object';
  // Older or trimmed eves may lack flow.start: the event's own timestamp is the next best start.
  const h =
    flow.start !== undefined
      ? eveHeader(o, flow.start, 'flow.start', file, line)
      : eveHeader(o, o.timestamp, 'timestamp', file, line);
  if (typeof h === 'string') return h;
  let end = h.ts;
  if (flow.end !== undefined) {
    const e = typeof flow.end === 'string' ? parseTimestamp(flow.end) : undefined;
    if (e === undefined) return `invalid flow.end ${quote(String(flow.end))}`;
    end = e;
  }
  const [smac, dmac] = macs(o);
  return {
    ts: h.ts,
    uid: h.uid,
    saddr: h.saddr,
    sport: h.sport,
    daddr: h.daddr,
    dport: h.dport,
    proto: h.proto,
    label: undefined,
    detailedLabel: undefined,
    origin: h.origin,
    kind: 'conn',
    source: 'suricata',
    // Rounded to the microseconds Suricata writes: the difference of two epoch floats has noise below that.
    dur: Math.max(0, Math.round((end - h.ts) * 1e6) / 1e6),
    appproto: str(o.app_proto),
    sbytes: num(flow.bytes_toserver),
    dbytes: num(flow.bytes_toclient),
    spkts: num(flow.pkts_toserver),
    dpkts: num(flow.pkts_toclient),
    state: str(flow.state),
    history: '',
    smac,
    dmac,
    dir: '->',
  };
}

/** An answer as other inputs write it: IPv6 addresses in their short form, everything else as is. */
function answer(rdata: string): string {
  return rdata.indexOf(':') !== -1 && isIPv6(rdata) ? canonicalIPv6(rdata) : rdata;
}

/** Answers and their TTLs: the answer list (ordered, with TTLs), else the grouped form, else an old single-answer event. */
function dnsAnswers(dns: Json): [string[], number[]] {
  const answers: string[] = [];
  const ttls: number[] = [];
  if (Array.isArray(dns.answers)) {
    for (const a of dns.answers) {
      const ao = obj(a);
      if (ao && typeof ao.rdata === 'string') {
        answers.push(answer(ao.rdata));
        ttls.push(num(ao.ttl));
      }
    }
  } else if (obj(dns.grouped)) {
    // Grouped answers carry no TTLs; CNAMEs first, as they come first in a real answer section.
    const grouped = dns.grouped as Json;
    for (const key of Object.keys(grouped).sort((a, b) => (a === 'CNAME' ? -1 : b === 'CNAME' ? 1 : 0))) {
      for (const v of strings(grouped[key])) answers.push(answer(v));
    }
  } else if (typeof dns.rdata === 'string') {
    answers.push(answer(dns.rdata));
    if (dns.ttl !== undefined) ttls.push(num(dns.ttl));
  }
  return [answers, ttls];
}

function dnsEvent(o: Json, file: string, line: number): DnsRecord | string {
  const dns = obj(o.dns);
  if (!dns) return 'dns event without a "dns" object';
  const h = eveHeader(o, o.timestamp, 'timestamp', file, line);
  if (typeof h === 'string') return h;
  let query = str(dns.rrname);
  let qtype = str(dns.rrtype);
  // Eve format 3 (Suricata 7+) lists the question under `queries`.
  const q = Array.isArray(dns.queries) ? obj(dns.queries[0]) : undefined;
  if (q) {
    if (query.length === 0) query = str(q.rrname);
    if (qtype.length === 0) qtype = str(q.rrtype);
  }
  const [answers, ttls] = dnsAnswers(dns);
  return {
    ts: h.ts,
    uid: h.uid,
    saddr: h.saddr,
    sport: h.sport,
    daddr: h.daddr,
    dport: h.dport,
    proto: h.proto,
    label: undefined,
    detailedLabel: undefined,
    origin: h.origin,
    kind: 'dns',
    query,
    qclassName: '',
    qtypeName: qtype,
    rcodeName: str(dns.rcode),
    answers,
    ttls,
  };
}

function httpEvent(o: Json, file: string, line: number): HttpRecord | string {
  const http = obj(o.http);
  if (!http) return 'http event without an "http" object';
  const h = eveHeader(o, o.timestamp, 'timestamp', file, line);
  if (typeof h === 'string') return h;
  const contentType = str(http.http_content_type);
  return {
    ts: h.ts,
    uid: h.uid,
    saddr: h.saddr,
    sport: h.sport,
    daddr: h.daddr,
    dport: h.dport,
    proto: h.proto,
    label: undefined,
    detailedLabel: undefined,
    origin: h.origin,
    kind: 'http',
    method: str(http.http_method),
    host: str(http.hostname),
    uri: str(http.url),
    version: str(http.protocol),
    userAgent: str(http.http_user_agent),
    requestBodyLen: num(http.request_body_len),
    responseBodyLen: num(http.length),
    statusCode: num(http.status),
    statusMsg: '',
    respMimeTypes: contentType.length > 0 ? [contentType] : [],
    respFuids: [],
  };
}

/** Suricata writes SHA-1 fingerprints as `2d:d1:...`; Zeek and the SSL blacklists use plain lower-case hex. */
function plainFingerprint(fp: string): string {
  return fp.split(':').join('').toLowerCase();
}

function tlsEvent(o: Json, file: string, line: number): SslRecord | string {
  const tls = obj(o.tls);
  if (!tls) return 'tls event without a "tls" object';
  const h = eveHeader(o, o.timestamp, 'timestamp', file, line);
  if (typeof h === 'string') return h;
  const fp = str(tls.fingerprint);
  return {
    ts: h.ts,
    uid: h.uid,
    saddr: h.saddr,
    sport: h.sport,
    daddr: h.daddr,
    dport: h.dport,
    proto: h.proto,
    label: undefined,
    detailedLabel: undefined,
    origin: h.origin,
    kind: 'ssl',
    version: str(tls.version),
    cipher: '',
    curve: '',
    serverName: str(tls.sni),
    resumed: tls.session_resumed === true,
    // Suricata does not say whether the handshake completed.
    established: false,
    certChainFps: fp.length > 0 ? [plainFingerprint(fp)] : [],
    clientCertChainFps: [],
    subject: str(tls.subject),
    issuer: str(tls.issuerdn),
    validationStatus: '',
    ja3: str(obj(tls.ja3)?.hash),
    ja3s: str(obj(tls.ja3s)?.hash),
    notBefore: str(tls.notbefore),
    notAfter: str(tls.notafter),
  };
}

function fileinfoEvent(o: Json, file: string, line: number): FilesRecord | string {
  const fi = obj(o.fileinfo);
  if (!fi) return 'fileinfo event without a "fileinfo" object';
  const h = eveHeader(o, o.timestamp, 'timestamp', file, line);
  if (typeof h === 'string') return h;
  const fileId = fi.file_id;
  const appproto = str(o.app_proto);
  return {
    ts: h.ts,
    uid: h.uid,
    saddr: h.saddr,
    sport: h.sport,
    daddr: h.daddr,
    dport: h.dport,
    proto: h.proto,
    label: undefined,
    detailedLabel: undefined,
    origin: h.origin,
    kind: 'files',
    fuid: typeof fileId === 'number' || typeof fileId === 'string' ? String(fileId) : h.uid,
    connUids: [h.uid],
    source: appproto.toUpperCase(),
    analyzers: [],
    mimeType: str(fi.magic) || str(obj(o.http)?.http_content_type),
    md5: str(fi.md5),
    sha1: str(fi.sha1),
    sha256: str(fi.sha256),
    size: num(fi.size),
  };
}

function sshEvent(o: Json, file: string, line: number): SshRecord | string {
  const ssh = obj(o.ssh);
  if (!ssh) return 'ssh event without an "ssh" object';
  const h = eveHeader(o, o.timestamp, 'timestamp', file, line);
  if (typeof h === 'string') return h;
  const client = obj(ssh.client);
  const server = obj(ssh.server);
  // proto_version is "2.0" (or "1.99"); Zeek's version field is the major number.
  const version = Math.trunc(num(client?.proto_version ?? server?.proto_version));
  return {
    ts: h.ts,
    uid: h.uid,
    saddr: h.saddr,
    sport: h.sport,
    daddr: h.daddr,
    dport: h.dport,
    proto: h.proto,
    label: undefined,
    detailedLabel: undefined,
    origin: h.origin,
    kind: 'ssh',
    version,
    authSuccess: undefined,
    authAttempts: 0,
    client: str(client?.software_version),
    server: str(server?.software_version),
    cipherAlg: '',
    macAlg: '',
    compressionAlg: '',
    kexAlg: '',
    hostKeyAlg: '',
    hostKey: '',
  };
}

type Builder = (o: Json, file: string, line: number) => FlowRecord | string;

/** The event types that become records; every other type is skipped and counted by type. */
export const EVENT_BUILDERS: ReadonlyMap<string, Builder> = new Map<string, Builder>([
  ['flow', flowEvent],
  ['dns', dnsEvent],
  ['http', httpEvent],
  ['tls', tlsEvent],
  ['fileinfo', fileinfoEvent],
  ['ssh', sshEvent],
]);
