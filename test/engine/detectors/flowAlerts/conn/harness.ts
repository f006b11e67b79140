// Runs hand-built records or real files through the real Engine with only the detectors under test,
// and builds the record kinds test/helpers/records.ts does not.
import type {
  FlowRecord,
  FtpRecord,
  LoginRecord,
  SslRecord,
  TunnelRecord,
  DhcpRecord,
} from '../../../../../engine/flow';
import type { Detector } from '../../../../../engine/detectors/detector';
import type { Evidence } from '../../../../../engine/evidence/types';
import { Engine } from '../../../../../engine/engine';
import { Accounting } from '../../../../../engine/inputs/accounting';
import { openReader } from '../../../../../engine/inputs/openReader';
import { DEFAULT_CONFIG, type SlipsConfig } from '../../../../../engine/config/config';

export const DATA = `${__dirname}/../../../../../../shared/data`;

export async function runRecords(
  records: readonly FlowRecord[],
  detectors: Detector[],
  config: SlipsConfig = DEFAULT_CONFIG,
): Promise<Evidence[]> {
  const evidence: Evidence[] = [];
  const engine = new Engine(config, {
    detectors,
    sinks: [{ evidence: (e) => evidence.push(e), close: async () => {} }],
  });
  engine.ingest(records);
  await engine.finish(new Accounting(), 'test', 'test');
  return evidence;
}

export interface FileRun {
  evidence: Evidence[];
  /** conn uid → ground-truth label, for labelled files. */
  labels: Map<string, string>;
  profiles: number;
}

export async function runFile(
  path: string,
  detectors: Detector[],
  config: SlipsConfig = DEFAULT_CONFIG,
): Promise<FileRun> {
  const accounting = new Accounting();
  const reader = await openReader(path, { accounting });
  const evidence: Evidence[] = [];
  const labels = new Map<string, string>();
  const engine = new Engine(config, {
    detectors,
    sinks: [
      {
        records: (batch) => {
          for (const r of batch) if (r.kind === 'conn' && r.label) labels.set(r.uid, r.label);
        },
        evidence: (e) => evidence.push(e),
        close: async () => {},
      },
    ],
  });
  const summary = await engine.run(reader, accounting, path);
  return { evidence, labels, profiles: summary.profiles };
}

/** Evidence count per type, sorted by type. */
export function countByType(evidence: readonly Evidence[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of [...evidence].sort((a, b) => (a.evidenceType < b.evidenceType ? -1 : 1)))
    out[e.evidenceType] = (out[e.evidenceType] ?? 0) + 1;
  return out;
}

let n = 0;
const origin = () => ({ file: 'test', line: ++n });

export function tunnel(p: Partial<TunnelRecord> & { ts: number }): TunnelRecord {
  return {
    kind: 'tunnel',
    uid: `Ttest${++n}`,
    saddr: '10.0.2.15',
    sport: 0,
    daddr: '115.112.11.30',
    dport: 0,
    proto: '',
    tunnelType: 'Tunnel::GRE',
    action: 'Tunnel::DISCOVER',
    origin: origin(),
    ...p,
  };
}

export function login(p: Partial<LoginRecord> & { ts: number }): LoginRecord {
  return {
    kind: 'login',
    uid: `Ltest${++n}`,
    saddr: '147.32.80.40',
    sport: 40422,
    daddr: '147.32.80.37',
    dport: 23,
    proto: 'telnet',
    success: false,
    confused: false,
    user: '',
    clientUser: '',
    password: '',
    origin: origin(),
    ...p,
  };
}

export function ftp(p: Partial<FtpRecord> & { ts: number }): FtpRecord {
  return {
    kind: 'ftp',
    uid: `Ftest${++n}`,
    saddr: '10.0.0.1',
    sport: 40000,
    daddr: '10.0.0.2',
    dport: 21,
    proto: '',
    usedPort: 0,
    user: 'anonymous',
    command: 'PASV',
    replyCode: 227,
    replyMsg: '',
    origin: origin(),
    ...p,
  };
}

export function ssl(p: Partial<SslRecord> & { ts: number }): SslRecord {
  return {
    kind: 'ssl',
    uid: `Stest${++n}`,
    saddr: '10.0.0.1',
    sport: 40000,
    daddr: '93.184.216.34',
    dport: 443,
    proto: 'tcp',
    version: 'TLSv12',
    cipher: '',
    curve: '',
    serverName: '',
    resumed: false,
    established: true,
    certChainFps: [],
    clientCertChainFps: [],
    subject: '',
    issuer: '',
    validationStatus: '',
    ja3: '',
    ja3s: '',
    notBefore: '',
    notAfter: '',
    origin: origin(),
    ...p,
  };
}

export function dhcp(p: Partial<DhcpRecord> & { ts: number }): DhcpRecord {
  return {
    kind: 'dhcp',
    uid: `Htest${++n}`,
    saddr: '192.168.1.30',
    sport: 68,
    daddr: '192.168.1.1',
    dport: 67,
    proto: 'udp',
    uids: [],
    clientAddr: '192.168.1.30',
    serverAddr: '192.168.1.1',
    smac: '',
    hostName: '',
    requestedAddr: '',
    origin: origin(),
    ...p,
  };
}
