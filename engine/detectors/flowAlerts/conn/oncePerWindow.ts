// Repeats of one finding inside a window are reported once: the second flow from a host to the same
// unknown port of the same server says nothing the first did not (upstream issues #1773, #1985:
// "thousands of unknown-port evidence"; 0.7.1 keyed evidence by what it said, so repeats did not
// count twice either). Keys live as long as their window.
import type { TimeWindow } from '../../../profiler/types';
import { SmallSet } from '../../../smallSet';

export class OncePerWindow {
  private readonly seen = new Map<TimeWindow, SmallSet<string>>();

  /** True the first time `key` is offered in `tw`. */
  first(tw: TimeWindow, key: string): boolean {
    const keys = this.seen.get(tw);
    if (!keys) this.seen.set(tw, new SmallSet(key));
    else if (keys.has(key)) return false;
    else keys.add(key);
    return true;
  }

  forget(tw: TimeWindow): void {
    this.seen.delete(tw);
  }
}
