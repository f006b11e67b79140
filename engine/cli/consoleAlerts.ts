// Alerts on the console in the newest Slips wording (slips-behaviour.md 5.2):
// `<when> IP <ip> detected as malicious in timewindow <n> (start <..>, stop <..>) given the following evidence:`
// then one `\t- Detected <description> Threat level: <level>.` line per evidence of the alert.
import type { Writable } from 'node:stream';
import type { Alert, Evidence } from '../evidence/types';
import type { OutputSink } from '../output/sink';
import type { TimeWindow } from '../profiler/types';

function fmt(epoch: number, withFraction: boolean): string {
  const iso = new Date(epoch * 1000).toISOString();
  const [date, time] = iso.split('T') as [string, string];
  const base = `${date.replace(/-/g, '/')} ${time.slice(0, 8)}`;
  return withFraction ? `${base}.${time.slice(9, 12)}000+00:00` : base;
}

export class ConsoleAlerts implements OutputSink {
  private readonly byId = new Map<string, Evidence>();

  constructor(private readonly out: Writable) {}

  evidence(e: Evidence): void {
    this.byId.set(e.id, e);
  }

  alert(a: Alert): void {
    const w = a.timewindow;
    let text =
      `${fmt(a.lastFlowTime, true)} IP ${a.ip} detected as malicious in timewindow ${w.number} ` +
      `(start ${fmt(w.start, false)}, stop ${fmt(w.end, false)}) given the following evidence:\n`;
    for (const id of a.correlIds) {
      const e = this.byId.get(id);
      if (e) text += `\t- Detected ${e.description} Threat level: ${e.threatLevel}.\n`;
      this.byId.delete(id);
    }
    this.out.write(text);
  }

  /** Evidence of a closed window can no longer join an alert. */
  onWindowClosed(tw: TimeWindow): void {
    for (const e of tw.evidence) this.byId.delete(e.id);
  }

  async close(): Promise<void> {}
}
