// An analysis session over one input: `load` runs the real Engine (the same reader, detectors,
// configuration and whitelist as the `slips` command) with the kernel's sink attached, and keeps the
// result for queries until the next load. The session never prints and never exits: problems come back
// as SessionError (one sentence) or as counted problems in the load result.
import { IpGeoLookup } from '../../engine/enrich/geo/ipGeo';
import { isAbsolute, resolve } from 'node:path';
import { Accounting } from '../../engine/inputs/accounting';
import { InputError, type InputFormat } from '../../engine/inputs/reader';
import { openReader } from '../../engine/inputs/openReader';
import { ConfigError, applyOverrides, loadConfig, type SlipsConfig } from '../../engine/config/config';
import { Engine } from '../../engine/engine';
import { createDetectors } from '../../engine/detectors/registry';
import { EVIDENCE_TYPES } from '../../engine/evidence/evidenceTypes';
import type { Store } from '../../engine/store/store';
import type { Summary } from '../../engine/summary';
import type { TimeWindowGrid } from '../../engine/profiler/timeWindows';
import { didYouMean } from '../lang/suggest';
import { SessionSink } from './sessionSink';
import { runCapture, type CaptureControl, type CaptureInfo, type CaptureRequest } from './capture';
import { isRedisUrl, loadRedis, loadSnapshot } from './reopen';
import { isSnapshotFile } from '../../engine/store/snapshot/readSnapshot';

/** Problems kept word for word in the load result; the rest are counted in the summary. */
const KEPT_PROBLEMS = 20;

export interface LoadRequest {
  path: string;
  width?: number | 'only_one_tw';
  direction?: 'out' | 'all';
  config?: string;
  /** Detection families (module names, e.g. `flow_alerts`) or evidence types (e.g. `HTTP_TRAFFIC`). */
  disable?: string[];
}

export interface LoadControl {
  signal?: AbortSignal;
  onProgress?(recordsDone: number): void;
}

/** Which load option a problem is about, so the cell language can point at it. */
export type LoadOption = 'path' | 'width' | 'config' | 'disable';

export class SessionError extends Error {
  override name = 'SessionError';
  constructor(
    message: string,
    readonly option?: LoadOption,
  ) {
    super(message);
  }
}

/** What a finished load holds for queries. */
export interface Loaded {
  input: string;
  format: InputFormat;
  config: SlipsConfig;
  sink: SessionSink;
  store: Store;
  grid: TimeWindowGrid;
  summary: Summary;
  problems: string[];
  /** True when the load was interrupted: what was read so far is kept and queryable. */
  cancelled: boolean;
  /** Set when the input was a live capture (`capture IFACE`). */
  capture?: CaptureInfo;
}

export class Session {
  private current: Loaded | undefined;

  /** `baseDir` resolves relative paths (the notebook's folder). */
  constructor(readonly baseDir: string = process.cwd()) {}

  get loaded(): Loaded | undefined {
    return this.current;
  }

  /** The loaded analysis, or a SessionError telling the user to load one first. */
  require(): Loaded {
    if (!this.current) throw new SessionError('nothing is loaded yet: run `load PATH` first');
    return this.current;
  }

  async load(req: LoadRequest, control: LoadControl = {}): Promise<Loaded> {
    if (isRedisUrl(req.path)) return (this.current = await loadRedis(savedAsIs(req)));
    const input = isAbsolute(req.path) ? req.path : resolve(this.baseDir, req.path);
    // A saved analysis is known by its header, whatever the file is called.
    if (await isSnapshotFile(input)) return (this.current = await loadSnapshot(input, savedAsIs(req)));
    const config = this.configFor(req);
    const accounting = new Accounting();
    const problems: string[] = [];
    accounting.onProblem = (p, what) => {
      if (problems.length < KEPT_PROBLEMS) problems.push(`${p.file}:${p.line}: ${what}: ${p.reason}`);
    };
    let reader;
    try {
      reader = await openReader(input, { accounting });
    } catch (err) {
      if (err instanceof InputError) throw new SessionError(err.message, 'path');
      throw err;
    }
    const sink = new SessionSink();
    const engine = new Engine(config, {
      sinks: [sink],
      detectors: createDetectors(config),
      enrichment: new IpGeoLookup(config.ipInfo),
      onProgress: control.onProgress,
    });
    // The summary names the input as the cell wrote it: a notebook's outputs must not carry the folder
    // it was run in, or the same notebook would not reproduce on another machine.
    const summary = await engine.run(reader, accounting, req.path, control.signal);
    this.current = {
      input,
      format: reader.format,
      config,
      sink,
      store: engine.store,
      grid: engine.profiler.grid,
      summary,
      problems,
      cancelled: control.signal?.aborted === true,
    };
    return this.current;
  }

  /** `capture IFACE …`: a live capture analysed like a load (kernel/session/capture.ts). */
  async capture(req: CaptureRequest, control: CaptureControl = {}): Promise<Loaded> {
    const config = this.configFor({ ...req, path: req.iface });
    return (this.current = await runCapture(req, config, control));
  }

  private configFor(req: LoadRequest): SlipsConfig {
    let config: SlipsConfig;
    try {
      const file = req.config === undefined ? undefined : resolve(this.baseDir, req.config);
      config = loadConfig(file);
    } catch (err) {
      if (err instanceof ConfigError) throw new SessionError(err.message, 'config');
      throw err;
    }
    try {
      config = applyOverrides(config, { width: req.width });
    } catch (err) {
      if (err instanceof ConfigError) throw new SessionError(err.message, 'width');
      throw err;
    }
    if (req.direction) config.analysisDirection = req.direction;
    if (req.disable?.length) disable(config, req.disable);
    return config;
  }
}

/** A saved analysis is reopened as it was analysed: options that would change the analysis are refused. */
function savedAsIs(req: LoadRequest): string {
  const given = (['width', 'config', 'disable'] as const).find((k) => req[k] !== undefined);
  if (given || req.direction !== undefined)
    throw new SessionError(
      `${req.path} is a saved analysis, reopened as it was analysed: drop ${given ?? 'direction'}=… (or load the capture to analyse it again)`,
      given ?? 'path',
    );
  return req.path;
}

/** A name is a detection family (module) or an evidence type; anything else is a typo worth a sentence. */
function disable(config: SlipsConfig, names: readonly string[]): void {
  const modules = new Set(createDetectors(config).map((d) => d.name));
  const types = new Set<string>(EVIDENCE_TYPES);
  for (const name of names) {
    if (modules.has(name)) config.disabledModules = [...config.disabledModules, name];
    else if (types.has(name.toUpperCase()))
      config.disabledDetections = [...config.disabledDetections, name.toUpperCase()];
    else
      throw new SessionError(
        `'${name}' is neither a detection module (${[...modules].sort().join(', ')}) nor an evidence type.` +
          didYouMean(name, [...modules, ...types]),
        'disable',
      );
  }
}
