// What the application-layer rows of flow_alerts share: the module name, the parties, linked pairs of
// evidence (re-used from the connection rows) and state kept per time window.
import type { Party } from '../../../evidence/types';
import type { TimeWindow } from '../../../profiler/types';

export { FLOW_ALERTS, dstParty, link, pyFloat, srcParty } from '../conn/common';

/** Detector state that lives as long as its time window: created on first need, dropped at close. */
export class PerWindow<T> {
  private readonly byWindow = new Map<TimeWindow, T>();

  constructor(private readonly make: () => T) {}

  get(tw: TimeWindow): T | undefined {
    return this.byWindow.get(tw);
  }

  of(tw: TimeWindow): T {
    let s = this.byWindow.get(tw);
    if (s === undefined) {
      s = this.make();
      this.byWindow.set(tw, s);
    }
    return s;
  }

  drop(tw: TimeWindow): T | undefined {
    const s = this.byWindow.get(tw);
    if (s !== undefined) this.byWindow.delete(tw);
    return s;
  }
}

/**
 * A map that forgets its oldest entries beyond `max`, for state kept per host or per domain across
 * windows (upstream keeps such state for the whole run; here it is bounded).
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly max: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.max) this.delete(this.keys().next().value as K);
    return super.set(key, value);
  }
}

/** Python's `str(round(x, 2))` for the figures upstream prints (`5.35`, `6.0`). */
export function round2(x: number): string {
  const r = Math.round(x * 100) / 100;
  return Number.isInteger(r) ? `${r}.0` : String(r);
}

/** A domain (queried name, SNI) named as attacker or victim. */
export function domainParty(value: string, direction: Party['direction']): Party {
  return { direction, iocType: 'DOMAIN', value };
}

/** The words of a whitespace-separated list (long tables of names stay readable). */
export function words(list: string): string[] {
  return list.split(/\s+/).filter((w) => w.length > 0);
}
