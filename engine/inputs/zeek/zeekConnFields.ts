// Zeek conn, dns and http logs → records (slips-behaviour.md 2.2): the logs every profile is built from.
import type { ConnRecord, DnsRecord, HttpRecord } from '../../flow';
import { syntheticUid } from '../uid';
import { ID, opt, type ZeekKindSpec } from './zeekKindSpec';
import { fieldTable, type ZeekRow } from './zeekRow';

const CONN = fieldTable({
  ...ID,
  proto: 'proto',
  appproto: 'service',
  dur: 'duration',
  sbytes: 'orig_bytes',
  dbytes: 'resp_bytes',
  state: 'conn_state',
  history: 'history',
  spkts: 'orig_pkts',
  dpkts: 'resp_pkts',
  smac: 'orig_l2_addr',
  dmac: 'resp_l2_addr',
});
const C = CONN.at;

function conn(r: ZeekRow, file: string, line: number): ConnRecord {
  const proto = r.str(C.proto);
  return {
    kind: 'conn',
    ts: r.time(C.ts),
    uid: r.str(C.uid) || syntheticUid(file, line),
    saddr: r.str(C.saddr),
    sport: r.num(C.sport),
    daddr: r.str(C.daddr),
    dport: r.num(C.dport),
    // Newest Slips blanks Zeek's placeholder for protocols it could not name.
    proto: proto === 'unknown_transport' ? '' : proto,
    label: opt(r.str(C.label)),
    detailedLabel: opt(r.str(C.detailedLabel)),
    origin: { file, line },
    source: 'zeek',
    dur: r.num(C.dur),
    appproto: r.str(C.appproto),
    sbytes: r.num(C.sbytes),
    dbytes: r.num(C.dbytes),
    spkts: r.num(C.spkts),
    dpkts: r.num(C.dpkts),
    state: r.str(C.state),
    history: r.str(C.history),
    smac: r.str(C.smac),
    dmac: r.str(C.dmac),
    dir: '->',
  };
}

const DNS = fieldTable({
  ...ID,
  proto: 'proto',
  query: 'query',
  qclassName: 'qclass_name',
  qtypeName: 'qtype_name',
  rcodeName: 'rcode_name',
  answers: 'answers',
  ttls: 'TTLs',
});
const D = DNS.at;

function dns(r: ZeekRow, file: string, line: number): DnsRecord {
  return {
    kind: 'dns',
    ts: r.time(D.ts),
    uid: r.str(D.uid) || syntheticUid(file, line),
    saddr: r.str(D.saddr),
    sport: r.num(D.sport),
    daddr: r.str(D.daddr),
    dport: r.num(D.dport),
    proto: r.str(D.proto),
    label: opt(r.str(D.label)),
    detailedLabel: opt(r.str(D.detailedLabel)),
    origin: { file, line },
    query: r.str(D.query),
    qclassName: r.str(D.qclassName),
    qtypeName: r.str(D.qtypeName),
    rcodeName: r.str(D.rcodeName),
    answers: r.list(D.answers),
    ttls: r.numList(D.ttls),
  };
}

const HTTP = fieldTable({
  ...ID,
  method: 'method',
  host: 'host',
  uri: 'uri',
  version: 'version',
  userAgent: 'user_agent',
  requestBodyLen: 'request_body_len',
  responseBodyLen: 'response_body_len',
  statusCode: 'status_code',
  statusMsg: 'status_msg',
  respMimeTypes: 'resp_mime_types',
  respFuids: 'resp_fuids',
});
const H = HTTP.at;

function http(r: ZeekRow, file: string, line: number): HttpRecord {
  return {
    kind: 'http',
    ts: r.time(H.ts),
    uid: r.str(H.uid) || syntheticUid(file, line),
    saddr: r.str(H.saddr),
    sport: r.num(H.sport),
    daddr: r.str(H.daddr),
    dport: r.num(H.dport),
    proto: '',
    label: opt(r.str(H.label)),
    detailedLabel: opt(r.str(H.detailedLabel)),
    origin: { file, line },
    method: r.str(H.method),
    host: r.str(H.host),
    uri: r.str(H.uri),
    version: r.str(H.version),
    userAgent: r.str(H.userAgent),
    requestBodyLen: r.num(H.requestBodyLen),
    responseBodyLen: r.num(H.responseBodyLen),
    statusCode: r.num(H.statusCode),
    statusMsg: r.str(H.statusMsg),
    respMimeTypes: r.list(H.respMimeTypes),
    respFuids: r.list(H.respFuids),
  };
}

export const CONN_SPEC: ZeekKindSpec = { kind: 'conn', table: CONN, addresses: 'both', build: conn };
export const DNS_SPEC: ZeekKindSpec = { kind: 'dns', table: DNS, addresses: 'both', build: dns };
export const HTTP_SPEC: ZeekKindSpec = { kind: 'http', table: HTTP, addresses: 'both', build: http };
