// DHCP scan (slips-behaviour.md 4.2.1): one client requests many different addresses in a time window
// (DHCP starvation or address probing). Evidence when the number of distinct `requested_addr` reaches a
// multiple of 4 (4, 8, 12, ...), medium, confidence 0.8. Asking for the same address again is not a scan.
import type { FlowRecord } from '../../flow';
import type { TimeWindow } from '../../profiler/types';
import type { Detector, DetectorContext } from '../detector';
import { ipParty } from '../makeEvidence';
import { makeEvidence } from '../makeEvidence';
import { PerWindow } from './perWindow';

/** Upstream `minimum_requested_addrs`: evidence at every multiple of this many distinct addresses. */
const REQUESTED_ADDRS_STEP = 4;
const CONFIDENCE = 0.8;

export class DhcpScan implements Detector {
  readonly name = 'network_discovery';
  /** Per window: requested address → the uid of the first request for it. */
  private readonly requested = new PerWindow<Map<string, string>>(() => new Map());

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'dhcp' || ctx.role !== 'Client' || !rec.requestedAddr) return;
    const addrs = this.requested.of(ctx.tw);
    if (addrs.has(rec.requestedAddr)) return;
    addrs.set(rec.requestedAddr, rec.uids[0] ?? rec.uid);
    const n = addrs.size;
    if (n % REQUESTED_ADDRS_STEP !== 0) return;
    const uids = new Set(rec.uids.length ? rec.uids : [rec.uid]);
    for (const uid of addrs.values()) uids.add(uid);
    ctx.emit(
      makeEvidence({
        type: 'DHCP_SCAN',
        description:
          `Performing a DHCP scan by requesting ${n} different IP addresses. ` +
          `Confidence: ${CONFIDENCE}. by Slips`,
        attacker: ipParty(ctx.tw.profileIp, 'SRC'),
        threatLevel: 'medium',
        confidence: CONFIDENCE,
        tw: ctx.tw,
        uids: [...uids],
        timestamp: rec.ts,
        proto: 'udp',
        module: this.name,
        facts: { requestedAddresses: n },
      }),
    );
  }

  onWindowClosed(tw: TimeWindow): void {
    this.requested.drop(tw);
  }
}
