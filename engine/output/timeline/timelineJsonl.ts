// `timeline.jsonl`: one JSON object per connection of every profile, `profile` and `timewindow` first,
// then the activity keys. Windows appear in the order they closed, lines in flow time order inside a
// window. One file for all profiles: a file per profile meant tens of thousands of files on inputs
// with many hosts, which cost far more than the analysis; `grep '"profile":"10.0.0.1"'` or any
// JSON-lines reader (pandas, DuckDB) selects one host.
import type { TimeWindow } from '../../profiler/types';
import { BufferedFile } from '../format/bufferedFile';
import type { TimelineEntry } from './activity';
import type { TimelineConsumer } from './timelineSink';

export class TimelineJsonl implements TimelineConsumer {
  private readonly file: BufferedFile;

  constructor(path: string) {
    this.file = new BufferedFile(path);
  }

  window(_profileIp: string, _tw: TimeWindow, entries: readonly TimelineEntry[]): void {
    for (const e of entries) this.file.write(JSON.stringify(e.activity) + '\n');
  }

  close(): void {
    this.file.close();
  }
}
