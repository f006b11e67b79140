// `slips alerts --redis URL`: prints the alerts of an analysis kept in Redis without reading the capture
// again; stored values that are not what this engine wrote are reported on stderr and skipped.
import { Command } from 'commander';
import { alertLine, evidenceLine } from '../output/alertsLog';
import { readSavedAnalysis } from '../store/redis/readAnalysis';
import { readScaleOutAt } from '../scaleout/readResults';
import { RedisStoreError } from '../store/redis/openRedis';
import { clockFromEnv } from './clock';

export async function runRedisAlerts(url: string): Promise<number> {
  let saved;
  try {
    // A scaled-out run (slips ingest + workers) is merged across its partitions; otherwise one analysis.
    saved = (await readScaleOutAt(url)) ?? (await readSavedAnalysis(url));
  } catch (err) {
    if (!(err instanceof RedisStoreError)) throw err;
    process.stderr.write(`slips: ${err.message}\n`);
    return 2;
  }
  for (const p of saved.problems) process.stderr.write(`slips: ${url}: ${p} (skipped)\n`);
  const now = clockFromEnv()();
  for (const a of saved.alerts)
    process.stdout.write(`${alertLine(a, now)}\n\t${evidenceLine(a.lastEvidence)}\n`);
  const s = saved.summary;
  process.stderr.write(
    `slips: ${url}: ${saved.state} analysis of ${s?.input ?? 'an unknown input'}: ${saved.profiles} profiles, ` +
      `${saved.alerts.length} alerts${saved.problems.length ? `, ${saved.problems.length} stored values skipped` : ''}\n`,
  );
  return saved.problems.length ? 1 : 0;
}

export function redisAlertsCommand(): Command {
  return new Command('alerts')
    .description(
      'print the alerts of an analysis kept in Redis (slips -f … --redis URL) or saved to a file (slips -f … --save FILE)',
    )
    .option('--redis <url>', 'the database the analysis went to (redis://HOST:PORT/DB)')
    .option('--snapshot <file>', 'a saved analysis (slips -f … --save FILE)')
    .action(async (opts) => {
      if (Boolean(opts.redis) === Boolean(opts.snapshot)) {
        process.stderr.write('slips: alerts reads one analysis: give --redis URL or --snapshot FILE\n');
        process.exitCode = 2;
        return;
      }
      if (opts.snapshot) {
        const { runSnapshotAlerts } = await import('./snapshotAlerts');
        process.exitCode = await runSnapshotAlerts(opts.snapshot);
        return;
      }
      process.exitCode = await runRedisAlerts(opts.redis);
    });
}
