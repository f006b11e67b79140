// Builders for ARP records as Slips' Zeek script logs them (arp.log).
import type { ArpRecord } from '../../../../engine/flow';

let n = 0;

export const ZERO = '00:00:00:00:00:00';
export const BCAST = 'ff:ff:ff:ff:ff:ff';

export function arp(p: Partial<ArpRecord> & { ts: number }): ArpRecord {
  n++;
  return {
    kind: 'arp',
    uid: `Atest${n}`,
    saddr: '192.168.1.247',
    sport: 0,
    daddr: '192.168.1.1',
    dport: 0,
    proto: 'arp',
    operation: 'request',
    srcHw: 'aa:bb:cc:00:00:01',
    dstHw: ZERO,
    smac: 'aa:bb:cc:00:00:01',
    dmac: BCAST,
    origin: { file: 'test', line: n },
    ...p,
  };
}

/** A who-has from 192.168.1.247 for `daddr`. */
export function whoHas(ts: number, daddr: string, p: Partial<ArpRecord> = {}): ArpRecord {
  return arp({ ts, daddr, ...p });
}

/** A gratuitous reply: `saddr` announces that `mac` is its address. */
export function announce(ts: number, saddr: string, mac: string, p: Partial<ArpRecord> = {}): ArpRecord {
  return arp({
    ts,
    saddr,
    daddr: saddr,
    operation: 'reply',
    smac: mac,
    srcHw: mac,
    dmac: BCAST,
    dstHw: BCAST,
    ...p,
  });
}
