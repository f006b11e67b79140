// `slips alerts --snapshot FILE`: prints the alerts of a saved analysis, as `slips alerts --redis` does
// for one kept in Redis; a file that is not a complete snapshot is refused with one sentence.
import { alertLine, evidenceLine } from '../output/alertsLog';
import { readSnapshot } from '../store/snapshot/readSnapshot';
import { SnapshotError } from '../store/snapshot/snapshotFile';
import { clockFromEnv } from './clock';

export async function runSnapshotAlerts(path: string): Promise<number> {
  let opened;
  try {
    opened = await readSnapshot(path);
  } catch (err) {
    if (!(err instanceof SnapshotError)) throw err;
    process.stderr.write(`slips: ${err.message}\n`);
    return 2;
  }
  const { payload } = opened;
  const now = clockFromEnv()();
  for (const a of payload.alerts)
    process.stdout.write(`${alertLine(a, now)}\n\t${evidenceLine(a.lastEvidence)}\n`);
  const s = payload.summary;
  process.stderr.write(
    `slips: ${path}: saved analysis of ${s.input} (${s.input_format}): ${s.profiles} profiles, ` +
      `${s.timewindows} time windows, ${payload.evidence.length} evidence, ${payload.alerts.length} alerts\n`,
  );
  return 0;
}
