// Which IP a MAC address belongs to, and which MAC and IP are the gateway's, learnt from the traffic
// (slips-behaviour.md 3.6): a MAC belongs to the first IPv4 address seen sending with it (ARP, DHCP or a
// connection); the gateway's MAC is the destination MAC of the first flow from a private address to a
// public one, and the gateway's IP is the address that MAC belongs to. Used by the ARP detections (MITM,
// "not from the gateway"); kept in memory for the run, bounded.
import type { FlowRecord } from '../../flow';
import { isPrivateIp, isSpecialTarget, isValidIp } from '../../net/ip';
import { ownString } from '../../ownString';
import { BROADCAST_MAC, UNSPECIFIED_IP, ZERO_MAC, sameMac } from './arpFacts';

/** MACs remembered; a network with more hosts than this stops learning new bindings. */
const MAX_MACS = 100_000;

export class HostBindings {
  private readonly ipByMac = new Map<string, string>();
  gatewayMac: string | undefined;

  /** The IP the MAC was first seen with, if any. */
  ipOf(mac: string): string | undefined {
    return this.ipByMac.get(mac.toLowerCase());
  }

  get gatewayIp(): string | undefined {
    return this.gatewayMac === undefined ? undefined : this.ipByMac.get(this.gatewayMac);
  }

  learn(rec: FlowRecord): void {
    switch (rec.kind) {
      case 'arp':
        this.bind(rec.smac, rec.saddr);
        break;
      case 'dhcp':
        this.bind(rec.smac, rec.clientAddr);
        break;
      case 'conn':
        if (!rec.smac) return;
        this.bind(rec.smac, rec.saddr);
        if (
          this.gatewayMac === undefined &&
          rec.dmac &&
          isPrivateIp(rec.saddr) &&
          !isPrivateIp(rec.daddr) &&
          !isSpecialTarget(rec.daddr) &&
          isValidIp(rec.daddr)
        )
          this.gatewayMac = ownString(rec.dmac.toLowerCase());
        break;
      default:
        break;
    }
  }

  private bind(mac: string, ip: string): void {
    // Most records repeat a known binding: one lookup, no allocation.
    if (!mac || !ip || this.ipByMac.has(mac)) return;
    if (ip === UNSPECIFIED_IP || ip.includes(':') || this.ipByMac.size >= MAX_MACS) return;
    if (sameMac(mac, ZERO_MAC) || sameMac(mac, BROADCAST_MAC)) return;
    const key = mac.toLowerCase();
    if (!this.ipByMac.has(key) && isValidIp(ip)) this.ipByMac.set(ownString(key), ownString(ip));
  }
}
