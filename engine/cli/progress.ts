// A progress bar on stderr (only when it is a terminal), measured in input bytes.
import { SingleBar, Presets } from 'cli-progress';

export class Progress {
  private readonly bar: SingleBar;
  private readonly started = Date.now();

  constructor(totalBytes: number) {
    this.bar = new SingleBar(
      {
        format: 'slips [{bar}] {percentage}% | {records} records | {rate} records/s',
        stream: process.stderr,
        hideCursor: true,
        fps: 5,
      },
      Presets.shades_classic,
    );
    this.bar.start(Math.max(totalBytes, 1), 0, { records: 0, rate: 0 });
  }

  update(bytes: number, records: number): void {
    const secs = Math.max((Date.now() - this.started) / 1000, 0.001);
    this.bar.update(bytes, { records, rate: Math.round(records / secs) });
  }

  stop(): void {
    this.bar.stop();
  }
}
