// The output Kalipso needs from an analysis run in this process: each window's timeline entries and
// hotkey tables, kept when the window closes (the store keeps profiles, windows and evidence, but
// releases a window's flows on close). It owns a TimelineSink so the entries exist before the tables
// that name DNS resolutions from them.
import type { FlowRecord } from '../flow';
import type { Profile, Role, TimeWindow } from '../profiler/types';
import { windowBehaviour } from '../profiler/windowBehaviour';
import type { OutputSink } from '../output/sink';
import type { ActivityOptions, TimelineEntry } from '../output/timeline/activity';
import { TimelineSink } from '../output/timeline/timelineSink';
import type { Summary } from '../summary';
import type { WindowTables } from './source';
import { windowTables } from './windowTables';

interface Kept {
  entries: readonly TimelineEntry[];
  tables: WindowTables | undefined;
}

const NO_ENTRIES: readonly TimelineEntry[] = [];

export function windowKey(ip: string, tw: number): string {
  return `${ip} ${tw}`;
}

export class KalipsoCollector implements OutputSink {
  private readonly kept = new Map<string, Kept>();
  private readonly timeline: TimelineSink;
  /** Entries of the window being closed, handed over by the timeline consumer. */
  private closing: readonly TimelineEntry[] = NO_ENTRIES;
  summary: Summary | undefined;

  constructor(opts: ActivityOptions) {
    this.timeline = new TimelineSink(
      [{ window: (_ip, _tw, e) => (this.closing = e), close: () => {} }],
      opts,
    );
  }

  onRecord(rec: FlowRecord, profile: Profile, tw: TimeWindow, role: Role): void {
    this.timeline.onRecord(rec, profile, tw, role);
  }

  onWindowClosed(tw: TimeWindow, profile: Profile): void {
    this.closing = NO_ENTRIES;
    this.timeline.onWindowClosed(tw, profile);
    const b = windowBehaviour(tw);
    const entries = this.closing;
    // A window reopened by late traffic closes again with only its new flows: the timeline keeps both
    // parts, the tables show the last part (rare: traffic a full width late).
    const key = windowKey(profile.ip, tw.number);
    const before = this.kept.get(key);
    const all = before && before.entries.length ? [...before.entries, ...entries] : entries;
    const tables = b && tw.detail ? windowTables(b, all, tw.detail.altFlows) : before?.tables;
    this.kept.set(key, { entries: all, tables });
  }

  entries(ip: string, tw: number): readonly TimelineEntry[] | undefined {
    return this.kept.get(windowKey(ip, tw))?.entries;
  }

  tables(ip: string, tw: number): WindowTables | undefined {
    return this.kept.get(windowKey(ip, tw))?.tables;
  }

  async close(summary: Summary): Promise<void> {
    this.summary = summary;
    await this.timeline.close();
  }
}
