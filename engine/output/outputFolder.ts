// The output folder of one run and the sinks that fill it. The layout is described in README.md beside
// this file: the newest Slips files at the top, the 0.7.1 per-profile text files when log files are on.
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { configToYaml, type SlipsConfig } from '../config/config';
import { AlertsJsonSink } from './alertsJson';
import { AlertsLogSink } from './alertsLog';
import { DEFAULT_ANALYZER_IP } from './idmefv2';
import { ArrowSink } from './arrow/arrowSink';
import { portableName } from './format/paths';
import { MetadataSink } from './metadata/metadataSink';
import { BlockedTxtSink } from './profileLogs/blockedTxt';
import { CompleteTimelineText } from './profileLogs/completeTimeline';
import { ProfileDataSink } from './profileLogs/profileData';
import { ProfileDirs } from './profileLogs/profileDirs';
import { WindowFilesSink } from './profileLogs/windowFiles';
import type { OutputSink } from './sink';
import { SummaryJsonSink } from './summaryJson';
import { shippedServiceNames } from '../data/services';
import { TimelineJsonl } from './timeline/timelineJsonl';
import { TimelineSink, type TimelineConsumer } from './timeline/timelineSink';

/** File and folder names inside the output folder, for readers of it (the kernel, tests). */
export const OUTPUT_FILES = {
  alertsLog: 'alerts.log',
  alertsJson: 'alerts.json',
  flows: 'flows.arrow',
  summary: 'summary.json',
  timeline: 'timeline.jsonl',
  metadata: 'metadata',
  blocked: 'Blocked.txt',
} as const;

export interface OutputFolderOptions {
  config: SlipsConfig;
  inputPath: string;
  noLogFiles: boolean;
  clock: () => Date;
  /** The command line, recorded in metadata/info.json. */
  argv?: string[];
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * `output/<input basename>_<YYYY-MM-DD_HH:MM:SS>` as newest Slips names it, in UTC like every other
 * time the engine writes. stdin is named `stdin`.
 */
export function defaultOutputDir(inputPath: string, now: Date): string {
  const trimmed = inputPath.replace(/[\\/]+$/, '');
  const base = inputPath === '-' ? 'stdin' : basename(trimmed) || 'input';
  const stamp =
    `${now.getUTCFullYear()}-${two(now.getUTCMonth() + 1)}-${two(now.getUTCDate())}_` +
    `${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())}`;
  return join('output', portableName(`${base}_${stamp}`));
}

export async function createOutputSinks(dir: string, opts: OutputFolderOptions): Promise<OutputSink[]> {
  mkdirSync(dir, { recursive: true });
  const { config, clock } = opts;
  const logFiles = config.createLogFiles && !opts.noLogFiles;
  const dirs = new ProfileDirs(dir);

  const consumers: TimelineConsumer[] = [new TimelineJsonl(join(dir, OUTPUT_FILES.timeline))];
  if (logFiles) consumers.push(new CompleteTimelineText(dirs));

  const sinks: OutputSink[] = [
    new ArrowSink(join(dir, OUTPUT_FILES.flows)),
    new AlertsLogSink(join(dir, OUTPUT_FILES.alertsLog), clock),
    new AlertsJsonSink(
      join(dir, OUTPUT_FILES.alertsJson),
      clock,
      DEFAULT_ANALYZER_IP,
      config.alertsJsonFormat,
    ),
    new TimelineSink(consumers, {
      humanTimestamp: config.timelineHumanTimestamp,
      ports: shippedServiceNames(),
    }),
  ];
  if (logFiles)
    sinks.push(
      new BlockedTxtSink(join(dir, OUTPUT_FILES.blocked)),
      new WindowFilesSink(dirs),
      new ProfileDataSink(dirs),
    );
  sinks.push(
    new MetadataSink(join(dir, OUTPUT_FILES.metadata), {
      configYaml: configToYaml(config),
      configPath: config.source.path,
      inputPath: opts.inputPath,
      clock,
      argv: opts.argv,
    }),
    new SummaryJsonSink(join(dir, OUTPUT_FILES.summary)),
  );
  return sinks;
}
