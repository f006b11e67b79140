// Detector state that lives as long as its time window: created on first need, dropped when the window
// closes, so a long run keeps state only for the open windows (memory follows the profiler's).
import type { TimeWindow } from '../../profiler/types';

export class PerWindow<T> {
  private readonly byWindow = new Map<TimeWindow, T>();

  constructor(private readonly make: () => T) {}

  get(tw: TimeWindow): T | undefined {
    return this.byWindow.get(tw);
  }

  /** The window's state, created on first use. */
  of(tw: TimeWindow): T {
    let s = this.byWindow.get(tw);
    if (s === undefined) {
      s = this.make();
      this.byWindow.set(tw, s);
    }
    return s;
  }

  /** Forgets the window's state and hands it back (for a last look before it goes). */
  drop(tw: TimeWindow): T | undefined {
    const s = this.byWindow.get(tw);
    if (s !== undefined) this.byWindow.delete(tw);
    return s;
  }

  /** Windows with state, oldest first (insertion order). */
  windows(): IterableIterator<TimeWindow> {
    return this.byWindow.keys();
  }

  get size(): number {
    return this.byWindow.size;
  }
}
