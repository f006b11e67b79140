// The Engine wires one pipeline in one direction: reader → profiler → detectors → evidence → sinks.
// The CLI, the notebook kernel, the bench and the tests all drive exactly this class.
import type { FlowRecord } from './flow';
import type { Accounting } from './inputs/accounting';
import type { Reader } from './inputs/reader';
import type { SlipsConfig } from './config/config';
import type { Detector, DetectorContext } from './detectors/detector';
import type { Evidence } from './evidence/types';
import { EvidenceAccumulator } from './evidence/accumulator';
import type { OutputSink } from './output/sink';
import { Profiler } from './profiler/profiler';
import { TimeWindowGrid } from './profiler/timeWindows';
import type { TimeWindow } from './profiler/types';
import { MemoryStore } from './store/memoryStore';
import type { Store } from './store/store';
import type { Summary } from './summary';
import { ENGINE_VERSION } from './version';
import { NetworkKnowledge } from './detectors/networkKnowledge';

export interface EngineOptions {
  store?: Store;
  sinks?: OutputSink[];
  detectors?: Detector[];
  /** Called after each batch with the records done so far (progress bars, notebook progress). */
  onProgress?(recordsDone: number): void;
}

export class Engine {
  readonly store: Store;
  readonly profiler: Profiler;
  private readonly sinks: OutputSink[];
  private readonly detectors: Detector[];
  private readonly accumulator: EvidenceAccumulator;
  private readonly byKind = new Map<string, number>();
  readonly knowledge: NetworkKnowledge;
  private firstTs = Infinity;
  private lastTs = -Infinity;

  constructor(
    readonly config: SlipsConfig,
    private readonly opts: EngineOptions = {},
  ) {
    this.store = opts.store ?? new MemoryStore();
    this.knowledge = new NetworkKnowledge(config.clientIps);
    this.sinks = opts.sinks ?? [];
    const disabled = new Set(config.disabledModules);
    this.detectors = (opts.detectors ?? []).filter((d) => !disabled.has(d.name));
    this.profiler = new Profiler(
      this.store,
      new TimeWindowGrid(config.timeWindowWidth, config.onlyOneTw),
      config.analysisDirection,
    );
    this.accumulator = new EvidenceAccumulator(
      config.evidenceDetectionThreshold,
      config.timeWindowWidth,
      new Set(config.disabledDetections),
      {
        evidence: (e, tw) => {
          this.store.addEvidence(tw, e);
          for (const s of this.sinks) s.evidence?.(e);
        },
        alert: (a, tw) => {
          this.store.addAlert(tw, a);
          for (const s of this.sinks) s.alert?.(a);
        },
      },
    );
    if (this.detectors.length) this.profiler.listen(this.detectorListener());
    for (const s of this.sinks) this.profiler.listen(s);
    this.profiler.listen({ onWindowClosed: (tw) => this.accumulator.forget(tw) });
  }

  /** Reads the whole input and resolves with the summary once every sink has closed. */
  async run(reader: Reader, accounting: Accounting, input: string, signal?: AbortSignal): Promise<Summary> {
    let done = 0;
    for await (const batch of reader.batches(signal)) {
      if (signal?.aborted) break;
      this.ingest(batch);
      done += batch.length;
      this.opts.onProgress?.(done);
    }
    return this.finish(accounting, reader.format, input);
  }

  /** Profiles one batch; windows that fell a full width behind the traffic close afterwards. */
  ingest(batch: readonly FlowRecord[]): void {
    for (const s of this.sinks) s.records?.(batch);
    for (const rec of batch) {
      this.byKind.set(rec.kind, (this.byKind.get(rec.kind) ?? 0) + 1);
      if (rec.ts < this.firstTs) this.firstTs = rec.ts;
      if (rec.ts > this.lastTs) this.lastTs = rec.ts;
      this.knowledge.learn(rec);
      this.profiler.add(rec);
    }
    this.profiler.advance();
  }

  async finish(accounting: Accounting, format: string, input: string): Promise<Summary> {
    const emit = (e: Evidence) => this.emitFor(e);
    for (const d of this.detectors) d.onEnd?.({ config: this.config, knowledge: this.knowledge, emit });
    this.profiler.finish();
    const summary: Summary = {
      engine_version: ENGINE_VERSION,
      input,
      input_format: format,
      records_read: accounting.read,
      records_parsed: accounting.parsed,
      records_skipped: Object.fromEntries(
        [...accounting.skipped.entries()].sort(([a], [b]) => a.localeCompare(b)),
      ),
      records_skipped_total: accounting.skippedTotal,
      records_rejected: accounting.rejected,
      file_errors: accounting.fileErrors.length,
      records_by_kind: Object.fromEntries([...this.byKind.entries()].sort(([a], [b]) => a.localeCompare(b))),
      profiles: this.store.profileCount,
      timewindows: this.store.windowCount,
      evidence: this.accumulator.evidenceCount,
      alerts: this.accumulator.alertCount,
      first_ts: Number.isFinite(this.firstTs) ? this.firstTs : null,
      last_ts: Number.isFinite(this.lastTs) ? this.lastTs : null,
      time_window_width: this.config.timeWindowWidth,
      analysis_direction: this.config.analysisDirection,
    };
    for (const s of this.sinks) await s.close(summary);
    await this.store.flush();
    return summary;
  }

  /** The window an evidence names (its profile and number), when that profile has it. */
  private windowFor(e: Evidence): TimeWindow | undefined {
    return this.store.getProfile(e.profile.slice('profile_'.length))?.windows.get(e.timewindow.number);
  }

  /** Evidence raised outside a record (at the end of input) goes to the window it names. */
  private emitFor(e: Evidence): void {
    const tw = this.windowFor(e);
    if (tw) this.accumulator.add(e, tw);
  }

  private detectorListener() {
    return {
      onRecord: (
        rec: FlowRecord,
        profile: DetectorContext['profile'],
        tw: TimeWindow,
        role: DetectorContext['role'],
        state: DetectorContext['state'],
      ) => {
        const ctx: DetectorContext = {
          profile,
          tw,
          role,
          state,
          config: this.config,
          knowledge: this.knowledge,
          emit: (e) => this.accumulator.add(e, this.windowFor(e) ?? tw),
        };
        for (const d of this.detectors) d.onRecord(rec, ctx);
      },
      onWindowClosed: (tw: TimeWindow, profile: DetectorContext['profile']) => {
        const ctx = {
          profile,
          tw,
          config: this.config,
          knowledge: this.knowledge,
          emit: (e: Evidence) => this.accumulator.add(e, tw),
        };
        for (const d of this.detectors) d.onWindowClosed?.(tw, ctx);
      },
    };
  }
}
