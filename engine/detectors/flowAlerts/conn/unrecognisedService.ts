// The shared core of NON_SSL_PORT_443_CONNECTION and NON_HTTP_PORT_80_CONNECTION: an established TCP
// connection with data to the service's port that the flow source did not recognise as that
// service, and no connection between the same two hosts recognised as it within ±5 minutes.
//
// Upstream looks 5 minutes back at once and, after waiting 5 minutes of wall-clock time, 5 minutes
// ahead. Here the candidate waits in traffic time instead: it is settled when the traffic passes its
// start + 5 minutes (or at the end of input), against every recognised flow then known in
// [start − 5 min, start + 5 min]. Recognised flows older than that are forgotten as time goes by.
//
// Decided differently: Argus and nfdump flows are skipped, as they carry no application protocol
// at all (upstream would report every established connection to these ports). Suricata's `tls`
// counts as SSL, and a Suricata flow without `app_proto` carried no payload it could inspect (its
// byte counts include headers), so it is not "a connection with data". A destination is reported once
// per window of its source (oncePerWindow.ts), not once per flow.
import type { ConnRecord, FlowRecord } from '../../../flow';
import type { TimeWindow } from '../../../profiler/types';
import type { DetectorContext } from '../../detector';
import { hasService } from './common';
import { DeadlineQueue } from './deadlineQueue';
import { OncePerWindow } from './oncePerWindow';

/** ±5 minutes around the connection. */
export const MATCH_WINDOW = 300;

export interface Unrecognised {
  rec: ConnRecord;
  tw: TimeWindow;
}

type Emit = DetectorContext['emit'];

export class UnrecognisedServiceWatch {
  private now = -Infinity;
  private lastCleanup = -Infinity;
  /** `<saddr>|<daddr>` → start times of recognised flows, ascending. */
  private readonly recognised = new Map<string, number[]>();
  private readonly waiting = new DeadlineQueue<Unrecognised>();
  private readonly once = new OncePerWindow();

  constructor(
    private readonly port: number,
    private readonly services: readonly string[],
    private readonly report: (c: Unrecognised, emit: Emit) => void,
  ) {}

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.ts > this.now) this.now = rec.ts;
    if (this.waiting.size > 0) this.waiting.settleDue(this.now, (c) => this.settle(c, ctx.emit));
    if (this.now - this.lastCleanup >= MATCH_WINDOW) this.cleanup();
    if (rec.kind !== 'conn' || ctx.role !== 'Client' || rec.dport !== this.port || rec.proto !== 'tcp')
      return;
    if (ctx.state !== 'Established' || !(rec.sbytes + rec.dbytes > 0) || !Number.isFinite(rec.ts)) return;
    if (rec.source === 'argus' || rec.source === 'nfdump') return;
    // Suricata counts header bytes and names no app_proto until it saw payload: no app_proto, no data.
    if (rec.source === 'suricata' && !rec.appproto) return;
    const key = `${rec.saddr}|${rec.daddr}`;
    if (hasService(rec.appproto, this.services)) {
      this.remember(key, rec.ts);
      return;
    }
    if (this.recognisedWithin(key, rec.ts - MATCH_WINDOW, rec.ts)) return;
    this.waiting.push(rec.ts + MATCH_WINDOW, { rec, tw: ctx.tw });
  }

  onEnd(emit: Emit): void {
    this.waiting.drain((c) => this.settle(c, emit));
  }

  onWindowClosed(tw: TimeWindow): void {
    this.once.forget(tw);
  }

  private settle(c: Unrecognised, emit: Emit): void {
    const { rec } = c;
    if (this.recognisedWithin(`${rec.saddr}|${rec.daddr}`, rec.ts - MATCH_WINDOW, rec.ts + MATCH_WINDOW))
      return;
    if (this.once.first(c.tw, rec.daddr)) this.report(c, emit);
  }

  private remember(key: string, ts: number): void {
    const list = this.recognised.get(key);
    if (!list) {
      this.recognised.set(key, [ts]);
      return;
    }
    let i = list.length;
    while (i > 0 && list[i - 1]! > ts) i--;
    list.splice(i, 0, ts);
  }

  private recognisedWithin(key: string, from: number, to: number): boolean {
    const list = this.recognised.get(key);
    if (!list) return false;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < list.length && list[lo]! <= to;
  }

  /** Drops recognised flows no waiting candidate can match any more (older than now − 10 min). */
  private cleanup(): void {
    this.lastCleanup = this.now;
    const oldest = this.now - 2 * MATCH_WINDOW;
    for (const [key, list] of this.recognised) {
      if (list[list.length - 1]! < oldest) this.recognised.delete(key);
      else if (list[0]! < oldest) {
        let i = 0;
        while (list[i]! < oldest) i++;
        list.splice(0, i);
      }
    }
  }
}
