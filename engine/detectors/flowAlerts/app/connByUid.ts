// Records judged by their connection (same uid): SSH logins (upstream waits 15 s for the conn), TLS to
// pastebin (40 s), weird HTTP methods (15 s). Upstream sleeps wall-clock seconds hoping conn.log catches
// up; here a record waits in traffic time: it is settled when its conn arrives, and given up once the
// traffic passes its deadline or the input ends, so the outcome does not depend on machine speed or on
// which log's line came first. Conns that arrived before the record are looked up in its window.
import type { ConnRecord, FlowRecord } from '../../../flow';
import type { TimeWindow } from '../../../profiler/types';
import type { DetectorContext } from '../../detector';
import { DeadlineQueue } from '../conn/deadlineQueue';

type Emit = DetectorContext['emit'];

/** Flows looked at, newest first, when searching a window for an earlier conn: these records are rare. */
const MAX_SCAN = 100_000;

interface Waiter<T> {
  uid: string;
  item: T;
  done: boolean;
}

export class ConnWaiter<T> {
  private readonly byUid = new Map<string, Waiter<T>[]>();
  private readonly deadlines = new DeadlineQueue<Waiter<T>>();
  private now = -Infinity;

  /**
   * @param waitSeconds traffic time a record waits for its conn
   * @param found called once per waiting record whose conn arrived
   */
  constructor(
    private readonly waitSeconds: number,
    private readonly found: (item: T, conn: ConnRecord, emit: Emit) => void,
  ) {}

  /** Number of records waiting. */
  get waiting(): number {
    return this.byUid.size;
  }

  /** Every record the detector sees passes here: it moves traffic time on and may be an awaited conn. */
  see(rec: FlowRecord, emit: Emit): void {
    if (rec.ts > this.now) this.now = rec.ts;
    if (this.byUid.size > 0 && rec.kind === 'conn') {
      const ws = this.byUid.get(rec.uid);
      if (ws) {
        this.byUid.delete(rec.uid);
        for (const w of ws) {
          w.done = true;
          this.found(w.item, rec, emit);
        }
      }
    }
    if (this.deadlines.size > 0) this.deadlines.settleDue(this.now, (w) => this.giveUp(w));
  }

  /** `item` waits for the conn `uid` until traffic passes `ts` + the wait. */
  wait(uid: string, ts: number, item: T): void {
    const w: Waiter<T> = { uid, item, done: false };
    const list = this.byUid.get(uid);
    if (list) list.push(w);
    else this.byUid.set(uid, [w]);
    this.deadlines.push(Math.max(this.now, ts) + this.waitSeconds, w);
  }

  /** End of input: no conn will come any more. */
  end(): void {
    this.deadlines.drain((w) => this.giveUp(w));
    this.byUid.clear();
  }

  private giveUp(w: Waiter<T>): void {
    if (w.done) return;
    w.done = true;
    const list = this.byUid.get(w.uid);
    if (!list) return;
    const rest = list.filter((x) => x !== w);
    if (rest.length) this.byUid.set(w.uid, rest);
    else this.byUid.delete(w.uid);
  }
}

/** The conn `uid` if it already reached this window (newest first; bounded scan). */
export function connInWindow(tw: TimeWindow, uid: string): ConnRecord | undefined {
  const flows = tw.detail?.flows;
  if (!flows || !uid) return undefined;
  const stop = Math.max(0, flows.length - MAX_SCAN);
  for (let i = flows.length - 1; i >= stop; i--) if (flows[i]!.uid === uid) return flows[i];
  return undefined;
}
