// WEIRD_HTTP_METHOD (4.2.6): Zeek's weird.log reports an unknown HTTP method (`unknown_HTTP_method`,
// the method in `addl`). As upstream, the evidence names the parties of the connection (conn.log, same
// uid), which may come before or after the weird record; a weird record waits 15 s of traffic time
// for it (flowAlerts/app/connByUid.ts) and is dropped if it never comes.
import type { ConnRecord, FlowRecord, WeirdRecord } from '../../flow';
import type { TimeWindow } from '../../profiler/types';
import type { DetectorContext } from '../detector';
import type { RoutedDetector } from '../flowAlerts/app/router';
import { ipParty, makeEvidence } from '../makeEvidence';
import { ConnWaiter, connInWindow } from '../flowAlerts/app/connByUid';
import { HTTP_ANALYZER } from './common';

/** Seconds upstream waits for the conn of the weird record. */
const CONN_WAIT = 15;

interface Weird {
  rec: WeirdRecord;
  tw: TimeWindow;
}

export class WeirdHttpMethod implements RoutedDetector {
  readonly name = HTTP_ANALYZER;
  readonly kinds = ['*'] as const;
  private readonly waiter = new ConnWaiter<Weird>(CONN_WAIT, (w, conn, emit) => report(w, conn, emit));

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    this.waiter.see(rec, ctx.emit);
    if (rec.kind !== 'weird' || ctx.role !== 'Client' || !rec.name.includes('unknown_HTTP_method')) return;
    const w: Weird = { rec, tw: ctx.tw };
    const conn = connInWindow(ctx.tw, rec.uid);
    if (conn) report(w, conn, ctx.emit);
    else this.waiter.wait(rec.uid, rec.ts, w);
  }

  onEnd(): void {
    this.waiter.end();
  }
}

function report({ rec, tw }: Weird, conn: ConnRecord, emit: DetectorContext['emit']): void {
  emit(
    makeEvidence({
      type: 'WEIRD_HTTP_METHOD',
      description: `Weird HTTP method ${rec.addl} to IP: ${conn.daddr}. by Zeek.`,
      attacker: ipParty(conn.saddr, 'SRC'),
      victim: ipParty(conn.daddr, 'DST'),
      threatLevel: 'medium',
      confidence: 0.9,
      tw,
      uids: [conn.uid],
      timestamp: rec.ts,
      proto: conn.proto,
      srcPort: conn.sport,
      dstPort: conn.dport,
      module: HTTP_ANALYZER,
      facts: { method: rec.addl, weird: rec.name },
    }),
  );
}
