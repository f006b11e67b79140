// A LookupClock the test moves by hand: sleep() advances time at once and remembers how long it was
// asked to wait, so rate limits and back-off are checked by their arithmetic, never by waiting.
import type { LookupClock } from '../../../../engine/enrich/cache/lookupClock';

export class ManualClock implements LookupClock {
  readonly sleeps: number[] = [];

  constructor(public ms = Date.UTC(2026, 0, 1)) {}

  now(): number {
    return this.ms;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.sleeps.push(ms);
    this.ms += ms;
  }
}
