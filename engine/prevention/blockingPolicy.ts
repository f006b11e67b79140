// When an attacker is blocked and for how long, in traffic time only (so a replayed or delayed capture
// behaves exactly as the live one did). As upstream's blocking module: an alert in time window n blocks
// the attacker until the end of window n+1; each further alert while it is blocked adds one window. The
// clock is the newest flow timestamp the engine has seen; an address is unblocked once it reaches the end.
// Further alerts count once per time window: the newest accumulator may raise several alerts for one
// profile in one window (each time the sum refills), which with short windows would stretch a block
// without end; 0.7.1 raised at most one alert per profile and window, and that is what extends here.
export interface BlockState {
  ip: string;
  /** Traffic time of the first alert of this block, epoch seconds. */
  since: number;
  /** Traffic time at which the block ends. */
  until: number;
  /** Alerts that extended the block after the first one. */
  extensions: number;
  /** The newest time window whose alert set or extended the block. */
  window: number;
}

export type PolicyAction =
  | { kind: 'block' | 'extend' | 'keep'; ip: string; until: number; reason: string }
  | { kind: 'skip'; ip: string; reason: string }
  | { kind: 'unblock'; ip: string; reason: string };

export class BlockingPolicy {
  private readonly blocked = new Map<string, BlockState>();
  /** Newest traffic time seen. */
  now = -Infinity;

  constructor(
    /** Time window width in seconds. */
    private readonly width: number,
    /** Why an address must never be blocked, or undefined. */
    private readonly neverBlock: (ip: string) => string | undefined,
  ) {}

  /** An alert about `ip` raised in time window `tw` (number and end), at traffic time `ts`. */
  alert(ip: string, tw: { number: number; end: number }, ts: number, why: string): PolicyAction {
    this.now = Math.max(this.now, ts);
    const never = this.neverBlock(ip);
    if (never) return { kind: 'skip', ip, reason: `${never}; alert: ${why}` };
    const current = this.blocked.get(ip);
    if (current && tw.number <= current.window)
      return { kind: 'keep', ip, until: current.until, reason: `another alert in the same window: ${why}` };
    if (current) {
      current.until = Math.max(current.until + this.width, tw.end + this.width);
      current.extensions++;
      current.window = tw.number;
      return { kind: 'extend', ip, until: current.until, reason: `repeated alert: ${why}` };
    }
    const until = tw.end + this.width;
    this.blocked.set(ip, { ip, since: ts, until, extensions: 0, window: tw.number });
    return { kind: 'block', ip, until, reason: why };
  }

  /** Moves traffic time to `ts`; returns the unblocks that fall due, oldest block end first. */
  advance(ts: number): PolicyAction[] {
    // An alert may have moved the clock to `ts` already: what is due at `ts` is still due.
    if (ts < this.now) return [];
    this.now = ts;
    const due = [...this.blocked.values()].filter((b) => b.until <= ts).sort((a, b) => a.until - b.until);
    for (const b of due) this.blocked.delete(b.ip);
    return due.map((b) => ({
      kind: 'unblock',
      ip: b.ip,
      reason: `probation over (blocked since ${iso(b.since)}, until ${iso(b.until)}, ${b.extensions} extensions)`,
    }));
  }

  /** The end of the run: every block still on is lifted. */
  releaseAll(): PolicyAction[] {
    const all = [...this.blocked.values()];
    this.blocked.clear();
    return all.map((b) => ({ kind: 'unblock', ip: b.ip, reason: 'end of the analysis' }));
  }

  /** The blocks in force, soonest end first. */
  current(): BlockState[] {
    return [...this.blocked.values()].sort((a, b) => a.until - b.until || a.ip.localeCompare(b.ip));
  }
}

export function iso(epochSeconds: number): string {
  if (!Number.isFinite(epochSeconds)) return epochSeconds > 0 ? 'the end of the analysis' : '-';
  return new Date(Math.round(epochSeconds * 1e6) / 1e3).toISOString();
}
