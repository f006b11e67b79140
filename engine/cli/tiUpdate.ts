// `slips ti update [-c config] [--force]`: downloads the feeds of the configured feed lists into the
// remote-feeds folder the analysis loads them from. One line per feed that was asked (failures always),
// one summary line. Exit 0 when every feed is current, 1 when some could not be updated (their kept
// copies stay in use), 2 when the update could not start (bad configuration, folder not writable).
import { Command, InvalidArgumentError, Option } from 'commander';
import { ConfigError, loadConfig } from '../config/config';
import type { SlipsConfig } from '../config/types';
import { createRemoteFeedsFolder } from '../enrich/ti/update/remoteFolder';
import { listedFeeds } from '../enrich/ti/update/listedFeeds';
import { FAILED_OUTCOMES, type Outcome, updateFeeds } from '../enrich/ti/update/updateFeeds';
import { formatBytes } from '../enrich/ti/update/formatting';
import type { TiProblem } from '../enrich/ti/types';
import { ENGINE_VERSION } from '../version';

/** Feeds downloaded at once: enough to overlap slow servers, few enough not to look like a flood. */
const DEFAULT_CONCURRENCY = 4;

export interface TiUpdateOptions {
  configPath?: string;
  force: boolean;
  concurrency: number;
  /** Override threatintelligence.TI_files_download_timeout (seconds). */
  timeout?: number;
  /** Override threatintelligence.TI_files_max_size_mb (megabytes). */
  maxSizeMb?: number;
  quiet: boolean;
  /** Where lines go (stderr by default). */
  write?: (line: string) => void;
  now?: () => number;
}

export async function runTiUpdate(o: TiUpdateOptions): Promise<number> {
  const write = o.write ?? ((l: string) => process.stderr.write(`slips: ${l}\n`));
  let config: SlipsConfig;
  let folder: string;
  try {
    config = loadConfig(o.configPath);
    folder = createRemoteFeedsFolder(config);
  } catch (err) {
    if (err instanceof ConfigError) {
      write(err.message);
      return 2;
    }
    const e = err as NodeJS.ErrnoException;
    if (e.code) {
      write(`cannot create the remote-feeds folder: ${e.message}`);
      return 2;
    }
    throw err;
  }
  const ti = config.threatIntelligence;
  const problems: TiProblem[] = [];
  const feeds = listedFeeds(config, problems);
  for (const p of problems) write(`${p.file}${p.line ? `:${p.line}` : ''}: ${p.reason}`);
  const maxBytes = o.maxSizeMb !== undefined ? Math.round(o.maxSizeMb * 1024 * 1024) : ti.maxFeedBytes;
  const started = Date.now();
  const result = await updateFeeds({
    folder,
    feeds,
    periodSeconds: ti.updatePeriod,
    maxBytes,
    timeoutMs: (o.timeout ?? ti.downloadTimeout) * 1000,
    concurrency: o.concurrency,
    force: o.force,
    now: o.now ?? Date.now,
    userAgent: `slips-notebooks/${ENGINE_VERSION}`,
    onFeed: (r) => {
      if (FAILED_OUTCOMES.has(r.outcome) || (!o.quiet && r.outcome !== 'fresh'))
        write(`ti update: ${r.file}: ${r.message} [${r.url}]`);
    },
  });
  for (const p of result.problems) write(`ti update: ${p}`);
  const counts = new Map<Outcome, number>();
  for (const r of result.feeds) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
  const failed = result.feeds.filter((r) => FAILED_OUTCOMES.has(r.outcome)).length;
  if (!o.quiet || failed) {
    const parts = [...counts].map(([k, n]) => `${n} ${k}`);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    write(
      `ti update: ${feeds.length} feeds (${parts.join(', ') || 'none'}) in ${seconds} s; ` +
        `size limit ${formatBytes(maxBytes)}; folder ${folder}`,
    );
  }
  return failed ? 1 : 0;
}

function positive(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number');
  return n;
}

export function tiCommand(): Command {
  const update = new Command('update')
    .description(
      'download the threat-intelligence feeds of the feed lists (TI_feeds.csv, JA3_feeds.csv, SSL_feeds.csv) ' +
        'into the remote-feeds folder; feeds checked within TI_files_update_period are skipped',
    )
    .addOption(new Option('-c, --config <file>', 'configuration: newest slips.yaml or 0.7.1 slips.conf'))
    .addOption(new Option('--force', 'ask every feed now, even those checked within the update period'))
    .addOption(
      new Option('--concurrency <n>', 'feeds downloaded at once')
        .argParser(positive)
        .default(DEFAULT_CONCURRENCY),
    )
    .addOption(
      new Option(
        '--timeout <seconds>',
        'time one feed download may take (TI_files_download_timeout)',
      ).argParser(positive),
    )
    .addOption(
      new Option('--max-size <megabytes>', 'refuse feeds larger than this (TI_files_max_size_mb)').argParser(
        positive,
      ),
    )
    .addOption(new Option('-q, --quiet', 'only failures and their summary'))
    .action(async (opts) => {
      process.exitCode = await runTiUpdate({
        configPath: opts.config,
        force: Boolean(opts.force),
        concurrency: Math.floor(opts.concurrency),
        timeout: opts.timeout,
        maxSizeMb: opts.maxSize,
        quiet: Boolean(opts.quiet),
      });
    });
  return new Command('ti').description('threat-intelligence feeds').addCommand(update);
}
