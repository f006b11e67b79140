// Builders for the records the scan detections read; only the fields a case cares about need giving.
import type { DhcpRecord, DnsRecord, NoticeRecord } from '../../../../engine/flow';
import { conn, dns } from '../../../helpers/records';

export { conn, dns };

let n = 0;

export function notice(p: Partial<NoticeRecord> & { ts: number; note: string; msg: string }): NoticeRecord {
  n++;
  return {
    kind: 'notice',
    uid: `Ntest${n}`,
    saddr: '10.0.0.1',
    sport: 0,
    daddr: '10.0.0.1',
    dport: 0,
    proto: 'tcp',
    sub: '',
    scanningIp: p.saddr ?? '10.0.0.1',
    dst: '',
    scannedPort: 0,
    origin: { file: 'test', line: n },
    ...p,
  };
}

export function dhcp(p: Partial<DhcpRecord> & { ts: number }): DhcpRecord {
  n++;
  const uid = `Htest${n}`;
  return {
    kind: 'dhcp',
    uid,
    uids: [uid],
    saddr: '192.168.1.30',
    sport: 68,
    daddr: '192.168.1.1',
    dport: 67,
    proto: 'udp',
    clientAddr: p.saddr ?? '192.168.1.30',
    serverAddr: '192.168.1.1',
    smac: '24:4b:fe:1c:48:a4',
    hostName: '',
    requestedAddr: '',
    origin: { file: 'test', line: n },
    ...p,
  };
}

/** A reverse DNS query for `ip`. */
export function reverse(ts: number, ip: string, p: Partial<DnsRecord> = {}): DnsRecord {
  return dns({ ts, query: `${ip.split('.').reverse().join('.')}.in-addr.arpa`, qtypeName: 'PTR', ...p });
}
