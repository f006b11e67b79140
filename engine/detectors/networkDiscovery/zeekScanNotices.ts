// Scans that Zeek itself detected, from notice.log (slips-behaviour.md 4.2.1): `Scan::Port_Scan` →
// vertical port scan, `Scan::Address_Scan` → horizontal port scan (both high, confidence 1: Zeek saw the
// packets), and the ICMP-scan notices of Slips' Zeek script (`ICMPAddressScan`, `TimestampScan`,
// `AddressMaskScan`; medium, confidence (hosts − 255)/250 + 1, so a notice about few hosts weighs little).
//
// `SSH::Password_Guessing` belongs to brute_force_detector in newest upstream (its flow_alerts handler for
// that notice is never called), so it is reported here only when brute_force_detector is disabled, in
// flow_alerts' old wording: one notice never gives two PASSWORD_GUESSING evidence.
import type { FlowRecord, NoticeRecord } from '../../flow';
import type { KnownEvidenceType } from '../../evidence/evidenceTypes';
import { isValidIp } from '../../net/ip';
import type { Detector, DetectorContext } from '../detector';
import { ipParty } from '../makeEvidence';
import { makeEvidence } from '../makeEvidence';

/** Slips' Zeek script notices by the name inside `note`, in upstream's lookup order. */
const ICMP_NOTICES: [string, KnownEvidenceType][] = [
  ['TimestampScan', 'ICMP_TIMESTAMP_SCAN'],
  ['ICMPAddressScan', 'ICMP_ADDRESS_SCAN'],
  ['AddressMaskScan', 'ICMP_ADDRESS_MASK_SCAN'],
];
/** A whole /24: the ICMP notice confidence is 1 at 255 hosts and falls by 1/250 per host below. */
const ICMP_FULL_HOSTS = 255;
const ICMP_CONFIDENCE_SPAN = 250;

export interface ZeekScanNoticesOptions {
  /** Report `Password_Guessing` notices (when brute_force_detector, their newest owner, is disabled). */
  passwordGuessing: boolean;
}

export class ZeekScanNotices implements Detector {
  readonly name = 'network_discovery';

  constructor(private readonly opts: ZeekScanNoticesOptions = { passwordGuessing: false }) {}

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'notice' || ctx.role !== 'Client') return;
    const note = rec.note;
    if (note.includes('Port_Scan')) this.vertical(rec, ctx);
    else if (note.includes('Address_Scan')) this.horizontal(rec, ctx);
    else if (note.includes('Password_Guessing')) {
      if (this.opts.passwordGuessing) this.passwordGuessing(rec, ctx);
    } else {
      const icmp = ICMP_NOTICES.find(([name]) => note.includes(name));
      if (icmp) this.icmpSweep(rec, ctx, icmp[1]);
    }
  }

  private vertical(rec: NoticeRecord, ctx: DetectorContext): void {
    const attacker = isValidIp(rec.scanningIp) ? rec.scanningIp : ctx.tw.profileIp;
    // "192.168.1.200 scanned at least 15 unique ports of host 192.168.1.102 in 0m3s"
    const fromMsg = rec.msg.split('ports of host ').pop()!.split(' in')[0]!;
    const victim = isValidIp(rec.dst) ? rec.dst : isValidIp(fromMsg) ? fromMsg : undefined;
    ctx.emit(
      makeEvidence({
        type: 'VERTICAL_PORT_SCAN',
        description: `vertical port scan by Zeek engine. ${rec.msg}`,
        attacker: ipParty(attacker, 'SRC'),
        victim: victim ? ipParty(victim, 'DST') : undefined,
        threatLevel: 'high',
        confidence: 1,
        tw: ctx.tw,
        uids: [rec.uid],
        timestamp: rec.ts,
        proto: rec.proto,
        module: this.name,
        facts: { note: rec.note },
      }),
    );
  }

  private horizontal(rec: NoticeRecord, ctx: DetectorContext): void {
    ctx.emit(
      makeEvidence({
        type: 'HORIZONTAL_PORT_SCAN',
        description: `horizontal port scan by Zeek engine. ${rec.msg}`,
        attacker: ipParty(ctx.tw.profileIp, 'SRC'),
        threatLevel: 'high',
        confidence: 1,
        tw: ctx.tw,
        uids: [rec.uid],
        timestamp: rec.ts,
        proto: rec.proto,
        dstPort: rec.scannedPort > 0 ? rec.scannedPort : undefined,
        module: this.name,
        facts: { note: rec.note },
      }),
    );
  }

  private icmpSweep(rec: NoticeRecord, ctx: DetectorContext, type: KnownEvidenceType): void {
    // "192.168.1.15 performed ICMP address scan on 230 hosts"; upstream gives up on other wording.
    const m = / on (\d+) hosts/.exec(rec.msg);
    if (!m) return;
    const hosts = Number(m[1]);
    const confidence = (hosts - ICMP_FULL_HOSTS) / ICMP_CONFIDENCE_SPAN + 1;
    ctx.emit(
      makeEvidence({
        type,
        description: rec.msg,
        attacker: ipParty(ctx.tw.profileIp, 'SRC'),
        threatLevel: 'medium',
        confidence,
        tw: ctx.tw,
        uids: [rec.uid],
        timestamp: rec.ts,
        proto: 'icmp',
        module: this.name,
        facts: { hosts, note: rec.note },
      }),
    );
  }

  private passwordGuessing(rec: NoticeRecord, ctx: DetectorContext): void {
    // "222.186.30.112 appears to be guessing SSH passwords (seen in 30 connections)."
    const named = rec.msg.split(' appears')[0]!;
    const attacker = isValidIp(named) ? named : ctx.tw.profileIp;
    ctx.emit(
      makeEvidence({
        type: 'PASSWORD_GUESSING',
        description: `password guessing. ${rec.msg}. Detected by zeek.`,
        attacker: ipParty(attacker, 'SRC'),
        threatLevel: 'high',
        confidence: 1,
        tw: ctx.tw,
        uids: [rec.uid],
        timestamp: rec.ts,
        module: this.name,
        facts: { note: rec.note },
      }),
    );
  }
}
