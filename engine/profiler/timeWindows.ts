// The global time-window grid of the newest Slips (3.2): origin = first flow of the run, width from
// -w or config (honoured, quirk Q2). A flow exactly on a boundary belongs to the later window;
// flows before the origin get timewindow0, timewindow-1, ...

/** Upstream's width for `only_one_tw`, and how far back the single window starts (100 years). */
export const ONLY_ONE_TW_WIDTH = 9999999999;
const ONLY_ONE_TW_BACK = 100 * 31_536_000;

export class TimeWindowGrid {
  origin: number | undefined;

  constructor(
    readonly width: number,
    readonly onlyOne = false,
  ) {}

  /** Fixes the origin at the first timestamp seen. */
  observe(ts: number): void {
    if (this.origin === undefined) this.origin = this.onlyOne ? ts - ONLY_ONE_TW_BACK : ts;
  }

  number(ts: number): number {
    this.observe(ts);
    return Math.floor((ts - this.origin!) / this.width) + 1;
  }

  start(n: number): number {
    return this.origin! + this.width * (n - 1);
  }

  end(n: number): number {
    return this.start(n) + this.width;
  }
}
