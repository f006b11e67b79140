// The small interface every application-layer analyzer implements, and what it is given to work with.
// An analyzer sees one connection's payload: reassembled in-order bytes per direction for TCP, one
// datagram at a time for UDP. It emits records as it completes them and says when it recognised its
// protocol (that names the conn's `service`) or when the payload is not its protocol (it is dropped).
import type { FlowHeader, FlowRecord } from '../../../flow';
import type { Connection } from '../connection';
import type { SoftwareType } from './software';

export interface AppContext {
  readonly file: string;
  emit(rec: FlowRecord): void;
  /** A protocol error in the payload (Zeek's weird): counted per name, never fatal. */
  weird(name: string): void;
  /** A version banner or user agent for software.log (Zeek's software framework). */
  software?(c: Connection, type: SoftwareType, unparsed: string, ts: number): void;
  /** A data connection announced on a control channel (FTP): when it comes, it is `ftp-data`. */
  expectDataChannel?(orig: string, resp: string, port: number, ts: number): void;
}

export interface AppAnalyzer {
  /** The conn.log `service` this analyzer logs once it has recognised its protocol. */
  readonly service: string;
  /** True once the payload was recognised as this protocol. */
  confirmed: boolean;
  /** True once the payload turned out not to be this protocol, or it cannot go on (it gets nothing more). */
  failed: boolean;
  /** Set with `failed` when the protocol hands the connection over to TLS (FTP AUTH TLS, SMTP STARTTLS). */
  upgradeToTls?: boolean;
  /** Payload bytes of one direction (in order for TCP; one datagram for UDP). Must not keep `b`. */
  data(c: Connection, isOrig: boolean, b: Buffer, off: number, len: number, ts: number): void;
  /** `len` bytes of one TCP direction were never seen (a content gap). */
  gap(c: Connection, isOrig: boolean, len: number): void;
  /** The connection ends: flush what is pending. */
  end(c: Connection, ts: number): void;
}

/** The record header for a connection's application record: its start, uid and (current) roles. */
export function appHeader(c: Connection, file: string, proto: string): FlowHeader {
  return {
    ts: c.startTs,
    uid: c.uid,
    saddr: c.origText(),
    sport: c.oPort,
    daddr: c.respText(),
    dport: c.rPort,
    proto,
    origin: { file, line: c.firstPacket },
  };
}
