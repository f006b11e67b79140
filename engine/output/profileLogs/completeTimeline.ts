// `<profile ip>/Complete-timeline-outgoing-actions.txt` (0.7.1 layout, 5.4): a header, then one rendered
// line per timeline entry. Quirk Q12 fixed: upstream glued the JSON entries together without newlines.
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TimeWindow } from '../../profiler/types';
import type { TimelineEntry } from '../timeline/activity';
import { renderEntry } from '../timeline/render';
import type { TimelineConsumer } from '../timeline/timelineSink';
import type { ProfileDirs } from './profileDirs';

export const COMPLETE_TIMELINE = 'Complete-timeline-outgoing-actions.txt';

export class CompleteTimelineText implements TimelineConsumer {
  private readonly started = new Set<string>();

  constructor(private readonly dirs: ProfileDirs) {}

  window(profileIp: string, _tw: TimeWindow, entries: readonly TimelineEntry[]): void {
    if (entries.length === 0) return;
    const path = join(this.dirs.dir(profileIp), COMPLETE_TIMELINE);
    let text = '';
    for (const e of entries) text += renderEntry(e) + '\n';
    if (this.started.has(path)) appendFileSync(path, text);
    else {
      writeFileSync(path, `Complete TimeLine of IP ${profileIp}\n${text}`);
      this.started.add(path);
    }
  }

  close(): void {}
}
