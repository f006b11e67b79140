// The flow model: the contract between readers and everything after them.
// Field names follow upstream Slips' internal names (slips-behaviour.md 2.2, 2.6) so evidence,
// timelines and exports read like Slips'. Every record carries where it came from (file, line).

/** Where a record was read: the file (or `-` for stdin) and its 1-based line (or packet) number. */
export interface Origin {
  file: string;
  line: number;
}

/** Fields every record has. Absent ports are 0; absent addresses are ''. */
export interface FlowHeader {
  /** Start time, epoch seconds (float). */
  ts: number;
  uid: string;
  saddr: string;
  sport: number;
  daddr: string;
  dport: number;
  /** Lower-case transport name as the source wrote it (`tcp`, `udp`, `icmp`, `ipv6-icmp`, `arp`, ...). */
  proto: string;
  /** Ground-truth labels from `.labeled` Zeek logs or an Argus Label column, when present. */
  label?: string;
  detailedLabel?: string;
  origin: Origin;
}

/** Which tool produced a connection record; decides how `state` is interpreted (2.7). */
export type FlowSource = 'zeek' | 'argus' | 'suricata' | 'nfdump';

/** A connection: Zeek conn.log, an Argus or nfdump flow, a Suricata `flow` event. */
export interface ConnRecord extends FlowHeader {
  kind: 'conn';
  source: FlowSource;
  /** Duration in seconds (0 when absent). */
  dur: number;
  /** Zeek `service`, Suricata `app_proto`, Argus/nfdump have none. */
  appproto: string;
  sbytes: number;
  dbytes: number;
  spkts: number;
  dpkts: number;
  /** Raw state as the source wrote it (Zeek conn_state, Argus State, Suricata flow.state, nfdump flags). */
  state: string;
  /** Zeek history letters ('' elsewhere). */
  history: string;
  smac: string;
  dmac: string;
  /** Argus direction arrow (`->`, `<->`, ...); `->` for Zeek. */
  dir: string;
}

export interface DnsRecord extends FlowHeader {
  kind: 'dns';
  query: string;
  qclassName: string;
  qtypeName: string;
  rcodeName: string;
  answers: string[];
  ttls: number[];
}

export interface HttpRecord extends FlowHeader {
  kind: 'http';
  method: string;
  host: string;
  uri: string;
  version: string;
  userAgent: string;
  requestBodyLen: number;
  responseBodyLen: number;
  statusCode: number;
  statusMsg: string;
  respMimeTypes: string[];
  respFuids: string[];
}

export interface SslRecord extends FlowHeader {
  kind: 'ssl';
  version: string;
  cipher: string;
  curve: string;
  /** SNI. */
  serverName: string;
  resumed: boolean;
  established: boolean;
  certChainFps: string[];
  clientCertChainFps: string[];
  subject: string;
  issuer: string;
  validationStatus: string;
  ja3: string;
  ja3s: string;
  notBefore: string;
  notAfter: string;
  /** Slips' own Zeek script adds `is_DoH` to ssl.log (DNS over HTTPS seen on the connection); absent elsewhere. */
  isDoh?: boolean;
}

export interface SshRecord extends FlowHeader {
  kind: 'ssh';
  version: number;
  /** undefined when Zeek could not tell (field unset). */
  authSuccess: boolean | undefined;
  authAttempts: number;
  client: string;
  server: string;
  cipherAlg: string;
  macAlg: string;
  compressionAlg: string;
  kexAlg: string;
  hostKeyAlg: string;
  hostKey: string;
}

export interface DhcpRecord extends FlowHeader {
  kind: 'dhcp';
  uids: string[];
  clientAddr: string;
  serverAddr: string;
  smac: string;
  hostName: string;
  requestedAddr: string;
}

export interface FtpRecord extends FlowHeader {
  kind: 'ftp';
  /** data_channel.resp_p, 0 when none. */
  usedPort: number;
  user: string;
  command: string;
  replyCode: number;
  replyMsg: string;
}

export interface SmtpRecord extends FlowHeader {
  kind: 'smtp';
  lastReply: string;
  mailfrom: string;
  rcptto: string[];
}

export interface TunnelRecord extends FlowHeader {
  kind: 'tunnel';
  tunnelType: string;
  action: string;
}

export interface NoticeRecord extends FlowHeader {
  kind: 'notice';
  note: string;
  msg: string;
  sub: string;
  scanningIp: string;
  dst: string;
  scannedPort: number;
}

export interface FilesRecord extends FlowHeader {
  kind: 'files';
  /** The file id (Zeek fuid); `uid` holds it too, as upstream does. */
  fuid: string;
  /** Connection uids that carried the file. */
  connUids: string[];
  source: string;
  analyzers: string[];
  mimeType: string;
  md5: string;
  sha1: string;
  sha256: string;
  size: number;
}

export interface ArpRecord extends FlowHeader {
  kind: 'arp';
  operation: string;
  srcHw: string;
  dstHw: string;
  smac: string;
  dmac: string;
}

export interface SoftwareRecord extends FlowHeader {
  kind: 'software';
  software: string;
  softwareName: string;
  versionMajor: string;
  versionMinor: string;
  unparsedVersion: string;
  httpBrowser: boolean;
}

export interface WeirdRecord extends FlowHeader {
  kind: 'weird';
  name: string;
  addl: string;
}

export interface LoginRecord extends FlowHeader {
  kind: 'login';
  success: boolean;
  confused: boolean;
  user: string;
  clientUser: string;
  password: string;
}

export interface X509Record extends FlowHeader {
  kind: 'x509';
  /** Zeek `id` (older logs) or `fingerprint` (newer). */
  certId: string;
  subject: string;
  issuer: string;
  notValidBefore: number;
  notValidAfter: number;
  sanDns: string[];
}

export type FlowRecord =
  | ConnRecord
  | DnsRecord
  | HttpRecord
  | SslRecord
  | SshRecord
  | DhcpRecord
  | FtpRecord
  | SmtpRecord
  | TunnelRecord
  | NoticeRecord
  | FilesRecord
  | ArpRecord
  | SoftwareRecord
  | WeirdRecord
  | LoginRecord
  | X509Record;

export type FlowKind = FlowRecord['kind'];

/** The Zeek log types read, as upstream's SUPPORTED_LOGFILES, plus x509. */
export const ZEEK_LOG_KINDS: readonly FlowKind[] = [
  'conn',
  'dns',
  'http',
  'ssl',
  'ssh',
  'dhcp',
  'ftp',
  'smtp',
  'tunnel',
  'notice',
  'files',
  'arp',
  'software',
  'weird',
  'login',
  'x509',
];
