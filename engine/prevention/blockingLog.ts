// blocking.log in the output folder: one line per thing the blocking did or would have done, stamped with
// the traffic time it happened at (the analysis clock, not the wall clock), so a user can line it up
// with alerts.log. Shapes:
//   <traffic time> block 10.0.0.2 until <traffic time> (<reason>)
//   <traffic time> extend 10.0.0.2 until <traffic time> (<reason>)       (an alert in a later window)
//   <traffic time> keep 10.0.0.2 until <traffic time> (<reason>)         (another alert in the same window)
//   <traffic time> unblock 10.0.0.2 (<reason>)
//   <traffic time> skip 10.0.0.1 (<why it is never blocked>; alert: …)
//   <traffic time> failure block 10.0.0.2 (<what went wrong>)
//   <traffic time> command <the command, on one line>        (what ran, or with --dry-run-blocking what would have)
// Before the first flow the traffic time is `-`.
import { iso, type PolicyAction } from './blockingPolicy';
import { TextFile } from '../output/format/textFile';

export const BLOCKING_LOG = 'blocking.log';

export function actionLine(ts: number, a: PolicyAction): string {
  const until = 'until' in a ? ` until ${iso(a.until)}` : '';
  return `${iso(ts)} ${a.kind} ${a.ip}${until} (${oneLine(a.reason)})`;
}

export function failureLine(ts: number, what: string, ip: string, why: string): string {
  return `${iso(ts)} failure ${what}${ip ? ` ${ip}` : ''} (${oneLine(why)})`;
}

export function commandLine(ts: number, command: string): string {
  return `${iso(ts)} command ${command}`;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export class BlockingLog {
  private readonly file: TextFile;

  constructor(path: string) {
    this.file = new TextFile(path);
  }

  write(line: string): void {
    this.file.write(line + '\n');
  }

  close(): void {
    this.file.close();
  }
}
