// Repeats of one finding inside a window are reported once: the second flow from a host to the same
// unknown port of the same server says nothing the first did not (upstream issues #1773, #1985:
// "thousands of unknown-port evidence"; 0.7.1 keyed evidence by what it said, so repeats did not
// count twice either). Keys live as long as their window.
import type { TimeWindow } from '../../../profiler/types';

export class OncePerWindow {
  private readonly seen = new Map<TimeWindow, Set<string>>();

  /** True the first time `key` is offered in `tw`. */
  first(tw: TimeWindow, key: string): boolean {
    let keys = this.seen.get(tw);
    if (!keys) {
      keys = new Set();
      this.seen.set(tw, keys);
    } else if (keys.has(key)) return false;
    keys.add(key);
    return true;
  }

  forget(tw: TimeWindow): void {
    this.seen.delete(tw);
  }
}
