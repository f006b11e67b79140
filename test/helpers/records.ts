// Builders for hand-made records in tests: only the fields a case cares about need to be given.
import type { ConnRecord, DnsRecord } from '../../engine/flow';

let n = 0;

export function conn(p: Partial<ConnRecord> & { ts: number }): ConnRecord {
  n++;
  return {
    kind: 'conn',
    source: 'zeek',
    uid: `Ctest${n}`,
    saddr: '10.0.0.1',
    sport: 40000 + (n % 1000),
    daddr: '10.0.0.2',
    dport: 80,
    proto: 'tcp',
    dur: 0,
    appproto: '',
    sbytes: 0,
    dbytes: 0,
    spkts: 1,
    dpkts: 0,
    state: 'S0',
    history: 'S',
    smac: '',
    dmac: '',
    dir: '->',
    origin: { file: 'test', line: n },
    ...p,
  };
}

export function dns(p: Partial<DnsRecord> & { ts: number }): DnsRecord {
  n++;
  return {
    kind: 'dns',
    uid: `Dtest${n}`,
    saddr: '10.0.0.1',
    sport: 5353,
    daddr: '8.8.8.8',
    dport: 53,
    proto: 'udp',
    query: 'example.com',
    qclassName: 'C_INTERNET',
    qtypeName: 'A',
    rcodeName: 'NOERROR',
    answers: [],
    ttls: [],
    origin: { file: 'test', line: n },
    ...p,
  };
}
