// alerts.json: one message per line (5.3). IDMEFv2 (default, newest Slips): an Event per evidence and an
// Incident per alert; each Event's Note carries the window's accumulated threat level at that moment,
// which this sink keeps itself with the accumulator's rule (5.1) because the evidence contract does not
// carry it. IDEA0 (`exporting_alerts.format: idea0`, Slips 0.8.2 – 1.1.4): see idea0.ts.
import type { AlertsJsonFormat } from '../config/types';
import { THREAT_LEVELS, type Alert, type Evidence } from '../evidence/types';
import type { Profile, TimeWindow } from '../profiler/types';
import { profileIpOf } from './alertsLog';
import { TextFile } from './format/textFile';
import { ideaAlert, ideaEvent } from './idea0';
import { DEFAULT_ANALYZER_IP, idmefEvent, idmefIncident } from './idmefv2';
import type { OutputSink } from './sink';

function key(profile: string, tw: number): string {
  return `${profile}|${tw}`;
}

export class AlertsJsonSink implements OutputSink {
  private readonly file: TextFile;
  private readonly accumulated = new Map<string, number>();

  constructor(
    path: string,
    private readonly clock: () => Date,
    private readonly analyzerIp = DEFAULT_ANALYZER_IP,
    private readonly format: AlertsJsonFormat = 'idmefv2',
  ) {
    this.file = new TextFile(path);
  }

  evidence(e: Evidence): void {
    if (this.format === 'idea0') {
      this.file.write(JSON.stringify(ideaEvent(e, this.clock())) + '\n');
      return;
    }
    const k = key(e.profile, e.timewindow.number);
    let acc = this.accumulated.get(k) ?? 0;
    const weight = THREAT_LEVELS[e.threatLevel] * Math.min(1, e.confidence);
    if (weight > 0 && e.attacker.direction === 'SRC' && e.attacker.value === profileIpOf(e.profile)) {
      acc = Math.round((acc + weight) * 1e6) / 1e6;
      this.accumulated.set(k, acc);
    }
    this.file.write(JSON.stringify(idmefEvent(e, acc, this.clock(), this.analyzerIp)) + '\n');
  }

  alert(a: Alert): void {
    if (this.format === 'idea0') {
      this.file.write(JSON.stringify(ideaAlert(a, this.clock())) + '\n');
      return;
    }
    // The accumulator starts again from zero after an alert, so the next Event's level does too.
    this.accumulated.delete(key(a.profile, a.timewindow.number));
    this.file.write(JSON.stringify(idmefIncident(a, this.clock(), this.analyzerIp)) + '\n');
  }

  onWindowClosed(tw: TimeWindow, profile: Profile): void {
    this.accumulated.delete(key(profile.id, tw.number));
  }

  async close(): Promise<void> {
    this.file.close();
  }
}
