// Writes each window's report (windowReport.ts) into its profile's folder when the window closes.
// Evidence raised for a window after it closed (detectors' end-of-input checks) is appended to the
// file; a window reopened by late traffic and closed again appends a second report for that traffic,
// since the first one's features were already released.
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Evidence } from '../../evidence/types';
import type { Profile, TimeWindow } from '../../profiler/types';
import { portableName } from '../format/paths';
import type { OutputSink } from '../sink';
import { profileIpOf } from '../alertsLog';
import type { ProfileDirs } from './profileDirs';
import { evidenceDetail, renderWindowReport, windowFileName } from './windowReport';

export class WindowFilesSink implements OutputSink {
  /** `<ip>|<n>` of windows whose file exists → its path and the window (to tell whether it reopened). */
  private readonly written = new Map<string, { path: string; tw: TimeWindow }>();

  constructor(private readonly dirs: ProfileDirs) {}

  evidence(e: Evidence): void {
    const w = this.written.get(`${profileIpOf(e.profile)}|${e.timewindow.number}`);
    if (w && w.tw.closed)
      appendFileSync(w.path, `Evidence of detections in this TW:\n${evidenceDetail(e)}\n`);
  }

  onWindowClosed(tw: TimeWindow, profile: Profile): void {
    const key = `${profile.ip}|${tw.number}`;
    const path = join(this.dirs.dir(profile.ip), portableName(windowFileName(tw)));
    if (this.written.has(key)) appendFileSync(path, renderWindowReport(tw));
    else writeFileSync(path, renderWindowReport(tw));
    this.written.set(key, { path, tw });
  }

  async close(): Promise<void> {}
}
