// Blocked.txt (0.7.1 layout, 5.4): `Detections:` then one `\t<ip>: timewindow<n>` line per window that
// raised an alert, in the order the first alert of each window came.
import type { Alert } from '../../evidence/types';
import { TextFile } from '../format/textFile';
import type { OutputSink } from '../sink';

export class BlockedTxtSink implements OutputSink {
  private readonly file: TextFile;
  private readonly listed = new Set<string>();

  constructor(path: string) {
    this.file = new TextFile(path);
    this.file.write('Detections:\n');
  }

  alert(a: Alert): void {
    const key = `${a.ip}|${a.timewindow.number}`;
    if (this.listed.has(key)) return;
    this.listed.add(key);
    this.file.write(`\t${a.ip}: timewindow${a.timewindow.number}\n`);
  }

  async close(): Promise<void> {
    this.file.close();
  }
}
