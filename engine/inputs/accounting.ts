// Every record read is parsed, skipped with a reason, or rejected with file:line and why.
// Readers report here; the CLI prints the problems and summary.json carries the counts,
// so the invariant read = parsed + skipped + rejected can be checked by anyone.
import type { Summary } from '../summary';

export interface Problem {
  file: string;
  line: number;
  reason: string;
}

/** How many rejected records and file errors are kept word for word; the rest are only counted. */
const KEEP_PROBLEMS = 1000;

export class Accounting {
  read = 0;
  parsed = 0;
  rejected = 0;
  /** Raw input bytes consumed so far (compressed bytes for gzip), for progress against the file size. */
  bytesRead = 0;
  readonly skipped = new Map<string, number>();
  /** Rejected records, kept up to KEEP_PROBLEMS. */
  readonly rejections: Problem[] = [];
  /** Problems with a whole file (truncated gzip, unreadable, missing tool): not records. */
  readonly fileErrors: Problem[] = [];
  /** Called once per problem as it happens (the CLI prints it as one line). */
  onProblem?: (p: Problem, what: 'rejected' | 'file error') => void;

  get skippedTotal(): number {
    let n = 0;
    for (const v of this.skipped.values()) n += v;
    return n;
  }

  skip(reason: string, n = 1): void {
    this.read += n;
    this.skipped.set(reason, (this.skipped.get(reason) ?? 0) + n);
  }

  reject(file: string, line: number, reason: string): void {
    this.read++;
    this.rejected++;
    const p = { file, line, reason };
    if (this.rejections.length < KEEP_PROBLEMS) this.rejections.push(p);
    this.onProblem?.(p, 'rejected');
  }

  fileError(file: string, line: number, reason: string): void {
    const p = { file, line, reason };
    if (this.fileErrors.length < KEEP_PROBLEMS) this.fileErrors.push(p);
    this.onProblem?.(p, 'file error');
  }

  /** Counted by readers after a record is built and validated. */
  accept(n = 1): void {
    this.read += n;
    this.parsed += n;
  }

  balanced(): boolean {
    return this.read === this.parsed + this.skippedTotal + this.rejected;
  }

  /** The accounting part of summary.json. */
  counts(): Pick<
    Summary,
    | 'records_read'
    | 'records_parsed'
    | 'records_skipped'
    | 'records_skipped_total'
    | 'records_rejected'
    | 'file_errors'
  > {
    return {
      records_read: this.read,
      records_parsed: this.parsed,
      records_skipped: Object.fromEntries([...this.skipped.entries()].sort(([a], [b]) => a.localeCompare(b))),
      records_skipped_total: this.skippedTotal,
      records_rejected: this.rejected,
      file_errors: this.fileErrors.length,
    };
  }
}
