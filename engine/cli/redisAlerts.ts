// `slips alerts --redis URL`: prints the alerts of an analysis kept in Redis without reading the capture
// again; stored values that are not what this engine wrote are reported on stderr and skipped.
import { Command } from 'commander';
import { alertLine, evidenceLine } from '../output/alertsLog';
import { readSavedAnalysis } from '../store/redis/readAnalysis';
import { RedisStoreError } from '../store/redis/openRedis';
import { clockFromEnv } from './clock';

export async function runRedisAlerts(url: string): Promise<number> {
  let saved;
  try {
    saved = await readSavedAnalysis(url);
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
    .description('print the alerts of an analysis kept in Redis (slips -f … --redis URL)')
    .requiredOption('--redis <url>', 'the database the analysis went to (redis://HOST:PORT/DB)')
    .action(async (opts) => {
      process.exitCode = await runRedisAlerts(opts.redis);
    });
}
