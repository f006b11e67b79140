// Which partition a record goes to. A partition owns the profiles whose IP hashes to it, and a record
// goes to every partition owning a profile the profiler would add it to: with `analysis_direction: out`
// that is only the source's, with `all` also the destination's (the profiler's own rule, mirrored in
// profileIps below). A record that reaches two partitions is counted (records_by_kind) by the one owning
// its first profile. Records that teach the shared network knowledge (DNS answers, SNIs, DHCP and DoH
// servers, the local network) go to every partition, so "resolved before" means the same everywhere.
import type { FlowRecord } from '../flow';
import { isValidIp } from '../net/ip';
import type { AnalysisDirection } from '../profiler/profiler';

/** FNV-1a over the IP's characters: stable across processes and machines, cheap, evenly spread. */
export function partitionOf(ip: string, partitions: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < ip.length; i++) {
    h ^= ip.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % partitions;
}

/**
 * The IPs whose profiles the profiler adds `rec` to (engine/profiler/profiler.ts `add`): the source as
 * client, and with direction `all` the destination as server (not for software records, nor when both
 * ends are the same address). Conn records carry valid addresses or none; other kinds are checked.
 */
export function profileIps(rec: FlowRecord, direction: AnalysisDirection): string[] {
  const conn = rec.kind === 'conn';
  const srcOk = conn ? rec.saddr.length > 0 : isValidIp(rec.saddr);
  const dstOk = conn ? rec.daddr.length > 0 : isValidIp(rec.daddr);
  const ips = srcOk ? [rec.saddr] : [];
  if (dstOk && direction === 'all' && rec.kind !== 'software' && rec.daddr !== rec.saddr) ips.push(rec.daddr);
  return ips;
}

/** DNS, DHCP and TLS records feed NetworkKnowledge (engine/detectors/networkKnowledge.ts) whoever sent them. */
export function feedsKnowledge(rec: FlowRecord): boolean {
  return rec.kind === 'dns' || rec.kind === 'dhcp' || rec.kind === 'ssl';
}
