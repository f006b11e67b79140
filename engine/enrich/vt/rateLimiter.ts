// VirusTotal's public API allows 4 requests a minute. Requests take turns in the order they were
// asked for: each waits until fewer than `limit` requests went out in the last `periodMs`.
import type { LookupClock } from '../cache/lookupClock';

export class RateLimiter {
  /** Send times of the last `limit` requests, oldest first. */
  private readonly sent: number[] = [];
  private turn: Promise<void> = Promise.resolve();

  constructor(
    private readonly limit: number,
    private readonly periodMs: number,
    private readonly clock: LookupClock,
  ) {}

  /** Resolves when this request may go out (and counts it as sent). */
  take(signal?: AbortSignal): Promise<void> {
    const mine = this.turn.then(async () => {
      if (this.sent.length >= this.limit) {
        const wait = this.sent[0]! + this.periodMs - this.clock.now();
        if (wait > 0) await this.clock.sleep(wait, signal);
        this.sent.shift();
      }
      this.sent.push(this.clock.now());
    });
    // One request given up (aborted) must not stop the ones behind it.
    this.turn = mine.catch(() => {});
    return mine;
  }
}
