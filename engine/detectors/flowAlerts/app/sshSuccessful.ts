// SSH_SUCCESSFUL (4.2.2): an SSH login that worked. Zeek says so in ssh.log (`auth_success` T) →
// "by Zeek"; otherwise the connection moved more than `ssh_succesful_detection_threshold` bytes (4290,
// client + server payload) → "by Slips". Both need the login's conn.log record (same uid): upstream
// waits 15 s of wall-clock time for it and drops the login when it does not come. Here the conn may
// come before or after the ssh.log record: SSH conns of the window are indexed by uid, and an ssh record
// whose conn has not arrived waits 15 s of traffic time for it (connByUid.ts).
import type { ConnRecord, FlowRecord, SshRecord } from '../../../flow';
import type { TimeWindow } from '../../../profiler/types';
import type { DetectorContext } from '../../detector';
import type { RoutedDetector } from './router';
import { makeEvidence } from '../../makeEvidence';
import { FLOW_ALERTS, PerWindow, dstParty, srcParty } from './common';
import { ConnWaiter } from './connByUid';

/** Seconds upstream waits for the conn of the ssh record. */
const CONN_WAIT = 15;

interface Login {
  rec: SshRecord;
  tw: TimeWindow;
  threshold: number;
}

export class SshSuccessful implements RoutedDetector {
  readonly name = FLOW_ALERTS;
  readonly kinds = ['*'] as const;
  /** Conns Zeek recognised as SSH, by uid, per window. */
  private readonly sshConns = new PerWindow<Map<string, ConnRecord>>(() => new Map());
  private readonly waiter = new ConnWaiter<Login>(CONN_WAIT, (l, conn, emit) => judge(l, conn, emit));

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    this.waiter.see(rec, ctx.emit);
    if (ctx.role !== 'Client') return;
    if (rec.kind === 'conn') {
      if (rec.appproto.length > 0 && rec.appproto.includes('ssh')) this.sshConns.of(ctx.tw).set(rec.uid, rec);
      return;
    }
    if (rec.kind !== 'ssh') return;
    const login: Login = {
      rec,
      tw: ctx.tw,
      threshold: ctx.config.flowAlerts.sshSuccessfulDetectionThreshold,
    };
    const conn = this.sshConns.get(ctx.tw)?.get(rec.uid);
    if (conn) judge(login, conn, ctx.emit);
    else this.waiter.wait(rec.uid, rec.ts, login);
  }

  onWindowClosed(tw: TimeWindow): void {
    this.sshConns.drop(tw);
  }

  onEnd(): void {
    this.waiter.end();
  }
}

function judge({ rec, tw, threshold }: Login, conn: ConnRecord, emit: DetectorContext['emit']): void {
  const size = conn.sbytes + conn.dbytes;
  let by: 'Zeek' | 'Slips';
  if (rec.authSuccess === true) by = 'Zeek';
  else if (size > threshold) by = 'Slips';
  else return;
  emit(
    makeEvidence({
      type: 'SSH_SUCCESSFUL',
      description:
        `SSH successful to IP ${conn.daddr}. From IP ${conn.saddr}. Sent bytes: ${size}. ` +
        `Detection model ${by}. Confidence 0.8`,
      attacker: srcParty(conn.saddr),
      victim: dstParty(conn.daddr),
      threatLevel: 'info',
      confidence: 0.8,
      tw,
      uids: [rec.uid],
      timestamp: rec.ts,
      proto: conn.proto,
      srcPort: conn.sport,
      dstPort: conn.dport,
      module: FLOW_ALERTS,
      facts: {
        bytes: size,
        thresholdBytes: threshold,
        detectedBy: by,
        authSuccess: String(rec.authSuccess ?? '-'),
      },
    }),
  );
}
