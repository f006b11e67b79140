// What an ARP record says, in the terms of upstream's arp module (slips-behaviour.md 4.2.7). Zeek's
// arp.log (Slips' script) gives, per packet: `src_mac`/`dst_mac` = the Ethernet addresses that carried
// it, `orig_hw`/`resp_hw` = the hardware addresses inside the ARP message, `orig_h`/`resp_h` = the IPs.
import type { ArpRecord } from '../../flow';

export const ZERO_MAC = '00:00:00:00:00:00';
export const BROADCAST_MAC = 'ff:ff:ff:ff:ff:ff';
export const UNSPECIFIED_IP = '0.0.0.0';

export function isRequest(rec: ArpRecord): boolean {
  return rec.operation.includes('request');
}

export function isReply(rec: ArpRecord): boolean {
  return rec.operation.includes('reply');
}

/** A reply nobody asked for, addressed to everyone: a host announcing (or claiming) its IP-to-MAC binding. */
export function isGratuitous(rec: ArpRecord): boolean {
  return isReply(rec) && (sameMac(rec.dstHw, BROADCAST_MAC) || sameMac(rec.dstHw, ZERO_MAC));
}

/** MACs compare case-insensitively (Zeek writes lower case; other tools may not). */
export function sameMac(a: string, b: string): boolean {
  return a === b || (a.length === b.length && a.toLowerCase() === b);
}
