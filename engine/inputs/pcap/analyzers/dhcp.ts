// DHCP (BOOTP with the DHCP magic cookie) over UDP 67/68 → dhcp.log-shaped records. As Zeek's DHCP script,
// a record is not one packet or one connection but one conversation: every message with the same
// transaction id (xid) within DHCP_WATCH_SECONDS joins it, whatever connection carried it (broadcasts
// give each leg its own connection, hence the `uids` set). A conversation is logged once it is older
// than the watch time (checked as traffic time passes, by any packet) or at end of input.
// Options are read defensively: a truncated option ends option parsing (a weird), what came before stays.
import type { DhcpRecord } from '../../../flow';
import { ipv4Text, macText } from '../addressText';
import type { Connection } from '../connection';
import type { AppAnalyzer, AppContext } from './analyzer';

/** Zeek's DHCP::max_txid_watch_time: how long messages with one xid are tied into one conversation. */
export const DHCP_WATCH_SECONDS = 30;
/** Conversations open at once; the oldest is logged early past this (bounds memory under floods). */
const MAX_OPEN = 10_000;
/** Fixed BOOTP header before the options (236 bytes) and the DHCP magic cookie. */
const BOOTP_FIXED = 236;
const MAGIC = 0x63825363;
/** Longest text option value kept (host names, messages). */
const MAX_TEXT = 255;
/** Message types (and connections) kept per conversation: a flood of one xid must not grow it forever. */
const MAX_MSG_TYPES = 100;

/** Zeek's DHCP::message_types. */
const MESSAGE_TYPES: readonly string[] = [
  '',
  'DISCOVER',
  'OFFER',
  'REQUEST',
  'DECLINE',
  'ACK',
  'NAK',
  'RELEASE',
  'INFORM',
  'FORCERENEW',
  'LEASEQUERY',
  'LEASEUNASSIGNED',
  'LEASEUNKNOWN',
  'LEASEACTIVE',
  'BULKLEASEQUERY',
  'LEASEQUERYDONE',
  'ACTIVELEASEQUERY',
  'LEASEQUERYSTATUS',
  'TLS',
];

/** A dhcp record from packets: dhcp.log's columns that DhcpRecord has no field for ride along. */
export interface PacketDhcpRecord extends DhcpRecord {
  clientFqdn: string;
  domain: string;
  assignedAddr: string;
  /** Seconds; -1 when no ACK gave one. */
  leaseTime: number;
  clientMessage: string;
  serverMessage: string;
  msgTypes: string[];
  duration: number;
}

/** One parsed DHCP message (only what dhcp.log needs). */
export interface DhcpMessage {
  op: number;
  xid: number;
  type: number;
  ciaddr: string;
  yiaddr: string;
  chaddr: string;
  hostName: string;
  clientFqdn: string;
  domain: string;
  requestedAddr: string;
  /** Seconds; -1 when absent. */
  lease: number;
  message: string;
  /** Options ended before their declared length (the message is still used). */
  truncated: boolean;
}

/** Parses a BOOTP/DHCP payload; undefined when it is not DHCP (too short, no magic cookie, no type). */
export function parseDhcp(b: Buffer, off: number, len: number): DhcpMessage | undefined {
  if (len < BOOTP_FIXED + 4 || b.readUInt32BE(off + BOOTP_FIXED) !== MAGIC) return undefined;
  const op = b[off]!;
  if (op !== 1 && op !== 2) return undefined;
  const hlen = Math.min(b[off + 2]!, 16);
  const m: DhcpMessage = {
    op,
    xid: b.readUInt32BE(off + 4),
    type: 0,
    ciaddr: ipv4Text(b.readUInt32BE(off + 12)),
    yiaddr: ipv4Text(b.readUInt32BE(off + 16)),
    chaddr: hlen === 6 ? macText(b, off + 28) : '',
    hostName: '',
    clientFqdn: '',
    domain: '',
    requestedAddr: '',
    lease: -1,
    message: '',
    truncated: false,
  };
  const end = off + len;
  let p = off + BOOTP_FIXED + 4;
  while (p < end) {
    const code = b[p]!;
    if (code === 255) break;
    if (code === 0) {
      p++;
      continue;
    }
    if (end - p < 2 || end - p - 2 < b[p + 1]!) {
      m.truncated = true;
      break;
    }
    const n = b[p + 1]!;
    const v = p + 2;
    switch (code) {
      case 53:
        if (n >= 1) m.type = b[v]!;
        break;
      case 12:
        m.hostName = text(b, v, n);
        break;
      case 15:
        m.domain = text(b, v, n);
        break;
      case 50:
        if (n === 4) m.requestedAddr = ipv4Text(b.readUInt32BE(v));
        break;
      case 51:
        if (n === 4) m.lease = b.readUInt32BE(v);
        break;
      case 56:
        m.message = text(b, v, n);
        break;
      case 81:
        if (n >= 3) m.clientFqdn = fqdn(b, v + 3, n - 3, (b[v]! & 0x04) !== 0);
        break;
      default:
        break;
    }
    p = v + n;
  }
  return m.type === 0 ? undefined : m;
}

function text(b: Buffer, at: number, n: number): string {
  let e = at + Math.min(n, MAX_TEXT);
  // Some clients count a trailing NUL in the option.
  while (e > at && b[e - 1] === 0) e--;
  return b.toString('latin1', at, e);
}

/** Option 81's name: ASCII, or (E flag) DNS wire labels. */
function fqdn(b: Buffer, at: number, n: number, wire: boolean): string {
  if (!wire) return text(b, at, n);
  const labels: string[] = [];
  let p = at;
  const end = at + n;
  while (p < end) {
    const l = b[p]!;
    if (l === 0 || l > 63 || p + 1 + l > end) break;
    labels.push(b.toString('latin1', p + 1, p + 1 + l));
    p += 1 + l;
  }
  return labels.join('.');
}

interface Conversation {
  first: number;
  last: number;
  firstPacket: number;
  uids: string[];
  rec: PacketDhcpRecord;
}

const isBroadcastOrZero = (a: string) => a === '0.0.0.0' || a === '255.255.255.255';

/** The open conversations of one capture, keyed by xid; shared by every DHCP connection. */
export class DhcpConversations {
  private readonly open = new Map<number, Conversation>();
  /** Traffic time at which the oldest open conversation is due (Infinity when none is open). */
  due = Infinity;

  constructor(private readonly ctx: AppContext) {}

  message(c: Connection, isOrig: boolean, m: DhcpMessage, ts: number): void {
    this.expire(ts);
    let conv = this.open.get(m.xid);
    if (conv === undefined) {
      if (this.open.size >= MAX_OPEN) this.log(this.open.keys().next().value!);
      conv = {
        first: ts,
        last: ts,
        firstPacket: c.firstPacket,
        uids: [],
        rec: emptyRecord(ts, this.ctx.file, c.firstPacket),
      };
      this.open.set(m.xid, conv);
      if (this.open.size === 1) this.due = ts + DHCP_WATCH_SECONDS;
    }
    conv.last = ts;
    const r = conv.rec;
    if (conv.uids.length < MAX_MSG_TYPES && !conv.uids.includes(c.uid)) conv.uids.push(c.uid);
    if (r.msgTypes.length < MAX_MSG_TYPES) r.msgTypes.push(MESSAGE_TYPES[m.type] ?? String(m.type));
    // The connection's roles are Zeek's (the client side is the originator, port 67 being the server's).
    const orig = c.origText();
    const resp = c.respText();
    if (r.clientAddr === '' && !isBroadcastOrZero(orig)) r.clientAddr = orig;
    if (m.type === 5 && !isBroadcastOrZero(resp)) r.serverAddr = resp;
    if (m.chaddr !== '') r.smac = m.chaddr;
    if (m.hostName !== '') r.hostName = m.hostName;
    if (m.clientFqdn !== '') r.clientFqdn = m.clientFqdn;
    if (m.domain !== '') r.domain = m.domain;
    if (m.requestedAddr !== '') r.requestedAddr = m.requestedAddr;
    if (m.type === 5) {
      r.assignedAddr = m.yiaddr;
      if (m.lease >= 0) r.leaseTime = m.lease;
    }
    if (m.message !== '') {
      // A request (op 1) comes from the client whichever way the connection points.
      if (m.op === 1) r.clientMessage = m.message;
      else r.serverMessage = m.message;
    }
    void isOrig;
  }

  /** Conversations past the watch time are logged (traffic time). */
  expire(ts: number): void {
    if (ts < this.due) return;
    this.due = Infinity;
    for (const [xid, conv] of this.open) {
      if (ts - conv.first < DHCP_WATCH_SECONDS) {
        this.due = conv.first + DHCP_WATCH_SECONDS;
        break;
      }
      this.log(xid);
    }
  }

  /** End of input: every conversation still open is logged, in order of its first message. */
  finish(): void {
    for (const xid of [...this.open.keys()]) this.log(xid);
    this.due = Infinity;
  }

  private log(xid: number): void {
    const conv = this.open.get(xid)!;
    this.open.delete(xid);
    const r = conv.rec;
    r.uids = conv.uids;
    r.uid = conv.uids[0] ?? '';
    r.saddr = r.clientAddr || r.smac;
    r.daddr = r.serverAddr;
    r.duration = conv.last - conv.first;
    this.ctx.emit(r);
  }
}

function emptyRecord(ts: number, file: string, line: number): PacketDhcpRecord {
  return {
    kind: 'dhcp',
    ts,
    uid: '',
    saddr: '',
    sport: 0,
    daddr: '',
    dport: 0,
    proto: '',
    origin: { file, line },
    uids: [],
    clientAddr: '',
    serverAddr: '',
    smac: '',
    hostName: '',
    requestedAddr: '',
    clientFqdn: '',
    domain: '',
    assignedAddr: '',
    leaseTime: -1,
    clientMessage: '',
    serverMessage: '',
    msgTypes: [],
    duration: 0,
  };
}

/** One UDP connection on the DHCP ports: its datagrams go to the capture's conversations. */
export class DhcpAnalyzer implements AppAnalyzer {
  readonly service = 'dhcp';
  confirmed = false;
  failed = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly conversations: DhcpConversations,
  ) {}

  data(c: Connection, isOrig: boolean, b: Buffer, off: number, len: number, ts: number): void {
    const m = parseDhcp(b, off, len);
    if (m === undefined) {
      this.ctx.weird('DHCP_not_a_dhcp_message');
      if (!this.confirmed) this.failed = true;
      return;
    }
    if (m.truncated) this.ctx.weird('DHCP_truncated_options');
    this.confirmed = true;
    this.conversations.message(c, isOrig, m, ts);
  }

  gap(): void {}

  end(): void {}
}
