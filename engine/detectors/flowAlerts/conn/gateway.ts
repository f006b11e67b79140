// The default gateway as upstream learns it from files (3.6): its MAC is the destination MAC of the
// first flow from a private IPv4 host to a public address, its IP the private IPv4 address seen with
// that MAC. Logs without MAC columns (most Zeek conn.logs) never reveal it, as upstream.
// Several detectors consult it; `observe` is idempotent per record so each may call it first.
import type { FlowRecord } from '../../../flow';
import { isIgnoredIp, isIpv4, isPrivate, isUnspecifiedOrBroadcast } from './addresses';

export class GatewayGuess {
  private last: FlowRecord | undefined;
  private mac: string | undefined;
  ip: string | undefined;

  observe(rec: FlowRecord): void {
    if (rec === this.last || this.ip !== undefined || rec.kind !== 'conn') return;
    this.last = rec;
    if (!this.mac) {
      if (rec.dmac && isIpv4(rec.saddr) && isPrivate(rec.saddr) && !isIgnoredIp(rec.daddr))
        this.mac = rec.dmac;
      else return;
    }
    if (rec.smac === this.mac && hostAddress(rec.saddr)) this.ip = rec.saddr;
    else if (rec.dmac === this.mac && hostAddress(rec.daddr)) this.ip = rec.daddr;
  }
}

function hostAddress(ip: string): boolean {
  return isIpv4(ip) && isPrivate(ip) && !isUnspecifiedOrBroadcast(ip);
}
