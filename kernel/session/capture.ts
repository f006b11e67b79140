// `capture IFACE`: the CLI's live capture (`slips -i`) inside a notebook session. tcpdump's pcap stream
// goes through the same reader (records handed on per packet) and the same Engine as `load`, so windows
// close and evidence appears while it runs; it stops when the duration is over or the cell is
// interrupted, always by asking tcpdump to stop, so the reader still flushes the open connections and
// the engine its windows — what was captured is then queried exactly like a loaded file.
// With `block`, the CLI's `-p` sink (engine/prevention) runs too and the blocks are kept for `blocking`.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IpGeoLookup } from '../../engine/enrich/geo/ipGeo';
import { Accounting } from '../../engine/inputs/accounting';
import { InputError } from '../../engine/inputs/reader';
import type { TcpdumpStats } from '../../engine/inputs/pcap/live/tcpdumpStats';
import { liveReader, startLive, type LiveRun } from '../../engine/cli/live';
import type { SlipsConfig } from '../../engine/config/config';
import { Engine } from '../../engine/engine';
import { createDetectors } from '../../engine/detectors/registry';
import { BLOCKING_LOG } from '../../engine/prevention/blockingLog';
import { BlockingSink } from '../../engine/prevention/blockingSink';
import type { BlockState } from '../../engine/prevention/blockingPolicy';
import type { Alert } from '../../engine/evidence/types';
import type { FlowRecord } from '../../engine/flow';
import type { OutputSink } from '../../engine/output/sink';
import type { Summary } from '../../engine/summary';
import { SessionSink } from './sessionSink';
import { SessionError, type LoadControl, type LoadRequest, type Loaded } from './session';

/** Problems kept word for word, as for `load`. */
const KEPT_PROBLEMS = 20;
/** Progress while nothing arrives (a quiet link), so the cell still shows it is capturing. */
const PROGRESS_TICK_MS = 1000;
/** A tcpdump that has not exited this long after SIGINT (blocked on a full pipe) is killed. */
const STOP_GRACE_MS = 5000;
/** Blocking log lines kept for the `blocking` view. */
const KEPT_LOG_LINES = 2000;

export interface CaptureRequest extends Omit<LoadRequest, 'path'> {
  iface: string;
  /** A BPF expression, as tcpdump takes it. */
  filter?: string;
  /** Seconds of wall-clock capture; none: until interrupted. */
  duration?: number;
  /** Block attackers in the firewall (`firewall`), or only log the commands (`dry-run`). */
  block?: 'firewall' | 'dry-run';
}

export interface CaptureProgress {
  packets: number;
  records: number;
  profiles: number;
  evidence: number;
  alerts: number;
  /** Addresses blocked right now (with `block`). */
  blocked: number;
}

export interface CaptureControl extends LoadControl {
  /**
   * Whether the notebook's workspace is trusted. A capture runs tcpdump (and with `block` changes the
   * firewall) on this machine, so a notebook from an untrusted folder must not start one.
   */
  trusted?: boolean;
  onCaptureProgress?(p: CaptureProgress): void;
}

export type CaptureStop = 'duration' | 'interrupt' | 'tcpdump exited';

export interface BlockingInfo {
  mode: 'firewall' | 'dry-run';
  /** nftables or iptables. */
  backend: string;
  /** False when the firewall could not be changed (the log's `failure setup` line says why). */
  applied: boolean;
  /** Traffic time when the capture stopped: what remaining block time is measured against. */
  trafficTime: number;
  /** The blocks in force when the capture stopped (they are lifted as it ends). */
  blocks: BlockState[];
  /** blocking.log, as the CLI writes it. */
  log: string[];
  logFile: string;
}

export interface CaptureInfo {
  iface: string;
  filter: string;
  duration: number | null;
  stoppedBy: CaptureStop;
  tcpdumpExitCode: number | null;
  stats: TcpdumpStats | undefined;
  /** tcpdump's last words when it ended by itself. */
  tcpdumpSaid: string;
  blocking: BlockingInfo | undefined;
}

/** The blocking sink, with its blocks noted just before it lifts them at the end of the run. */
class BlockingWatch implements OutputSink {
  blocksAtStop: BlockState[] = [];
  timeAtStop = -Infinity;

  constructor(readonly sink: BlockingSink) {}

  records(batch: readonly FlowRecord[]): void {
    this.sink.records(batch);
  }

  alert(a: Alert): void {
    this.sink.alert(a);
  }

  async close(): Promise<void> {
    this.blocksAtStop = this.sink.blocks().map((b) => ({ ...b }));
    this.timeAtStop = this.sink.trafficTime;
    await this.sink.close();
  }
}

export async function runCapture(
  req: CaptureRequest,
  config: SlipsConfig,
  control: CaptureControl = {},
): Promise<Loaded> {
  if (control.trusted !== true)
    throw new SessionError(
      'capture runs tcpdump on this machine, so it only runs in a trusted workspace: trust the folder of this notebook (Workspaces: Manage Workspace Trust) and run the cell again',
    );
  if (control.signal?.aborted) throw new SessionError('the capture was interrupted before it started');
  const accounting = new Accounting();
  const problems: string[] = [];
  accounting.onProblem = (p, what) => {
    if (problems.length < KEPT_PROBLEMS) problems.push(`${p.file}:${p.line}: ${what}: ${p.reason}`);
  };
  let live: LiveRun;
  try {
    live = await startLive({ iface: req.iface, filter: req.filter });
  } catch (err) {
    if (err instanceof InputError) throw new SessionError(err.message, 'path');
    throw err;
  }
  const reader = liveReader(live, accounting);
  const sink = new SessionSink();
  const sinks: OutputSink[] = [sink];
  let watch: BlockingWatch | undefined;
  let logDir = '';
  if (req.block) {
    logDir = mkdtempSync(join(tmpdir(), 'slips-capture-'));
    const blocking = await BlockingSink.start(logDir, config.timeWindowWidth, {
      dryRun: req.block === 'dry-run',
      firewall: 'auto',
      quiet: true,
    });
    watch = new BlockingWatch(blocking);
    // First, so an alert it blocked is already marked blocked when the session keeps it (as in the CLI).
    sinks.unshift(watch);
  }
  const engine = new Engine(config, {
    sinks,
    detectors: createDetectors(config),
    enrichment: new IpGeoLookup(config.ipInfo),
    onProgress: (n) => {
      control.onProgress?.(n);
      report();
    },
  });
  if (watch) watch.sink.neverBlock.whitelist = engine.whitelist;

  const report = () =>
    control.onCaptureProgress?.({
      packets: (reader as { packets?: number }).packets ?? 0,
      records: accounting.read,
      profiles: engine.store.profileCount,
      evidence: sink.evidenceList.length,
      alerts: sink.alertList.length,
      blocked: watch?.sink.blocks().length ?? 0,
    });
  let stoppedBy = 'tcpdump exited' as CaptureStop;
  let killTimer: NodeJS.Timeout | undefined;
  const stop = (why: CaptureStop) => {
    if (stoppedBy !== 'tcpdump exited') return;
    stoppedBy = why;
    live.stop(true);
    killTimer = setTimeout(() => live.stop(true), STOP_GRACE_MS);
  };
  const onAbort = () => stop('interrupt');
  control.signal?.addEventListener('abort', onAbort, { once: true });
  // An interrupt while tcpdump was starting: stop at once, still through the end of its stream.
  if (control.signal?.aborted) onAbort();
  const durationTimer =
    req.duration === undefined ? undefined : setTimeout(() => stop('duration'), req.duration * 1000);
  const tick = setInterval(report, PROGRESS_TICK_MS);
  let summary: Summary;
  try {
    // No abort signal for the engine: an interrupt stops tcpdump, and the end of its stream is what
    // makes the reader and the engine flush, exactly as at the end of a file.
    summary = await engine.run(reader, accounting, req.iface);
  } catch (err) {
    live.capture.stop();
    throw err;
  } finally {
    clearInterval(tick);
    clearTimeout(durationTimer);
    control.signal?.removeEventListener('abort', onAbort);
  }
  const end = await live.capture.ended;
  clearTimeout(killTimer);
  report();
  if (stoppedBy === 'tcpdump exited')
    problems.push(
      `the capture on ${req.iface} ended by itself (tcpdump exit code ${end.code ?? end.signal})` +
        (end.stderr ? `: ${end.stderr.replace(/\s+/g, ' ')}` : ''),
    );
  return {
    input: req.iface,
    format: reader.format,
    config,
    sink,
    store: engine.store,
    grid: engine.profiler.grid,
    summary,
    problems,
    cancelled: stoppedBy === 'interrupt',
    capture: {
      iface: req.iface,
      filter: req.filter ?? '',
      duration: req.duration ?? null,
      stoppedBy,
      tcpdumpExitCode: end.code,
      stats: end.stats,
      tcpdumpSaid: stoppedBy === 'tcpdump exited' ? end.stderr : '',
      blocking: watch && blockingInfo(req.block!, watch, logDir),
    },
  };
}

function blockingInfo(mode: 'firewall' | 'dry-run', watch: BlockingWatch, logDir: string): BlockingInfo {
  const logFile = join(logDir, BLOCKING_LOG);
  const log = readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  return {
    mode,
    backend: watch.sink.backend.name,
    applied: watch.sink.active,
    trafficTime: watch.timeAtStop,
    blocks: watch.blocksAtStop,
    log: log.length > KEPT_LOG_LINES ? log.slice(-KEPT_LOG_LINES) : log,
    logFile,
  };
}
