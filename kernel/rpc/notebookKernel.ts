// One notebook's side of the kernel: its analysis session, the cells waiting to run (one at a time, in
// the order asked, because a query depends on the load before it) and the abort switch of the running one.
import { runCell } from '../evaluator';
import { bundle } from '../output/bundle';
import { Session, type Loaded } from '../session/session';
import type { PageResult } from '../protocol';
import type { MimeBundle, ProgressParams, RunResult, SessionState } from './messages';
import { ResultPages } from './resultPages';
import { DEFAULT_JS_TIMEOUT_MS, JAVASCRIPT, runJsCell } from '../js/runJsCell';
import { jsBundles } from '../js/jsOutputs';

/** What the client says about a run besides its text (RunParams). */
export interface RunOptions {
  trusted?: boolean;
  blockingConfirmed?: boolean;
  /** `javascript` runs the cell as JavaScript (kernel/js); anything else is a slips cell. */
  language?: string;
}

/** The javascript cell timeout; the environment may lower it (tests stop an endless loop sooner). */
const JS_TIMEOUT_MS = Number(process.env.SLIPS_JS_TIMEOUT_MS) || DEFAULT_JS_TIMEOUT_MS;

/** Progress notifications at most this often, so a fast load does not flood the pipe. */
const PROGRESS_EVERY_MS = 200;

export class NotebookKernel {
  private session: Session | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private running: AbortController | undefined;
  private loading = false;
  private readonly pages = new ResultPages();

  run(
    text: string,
    baseDir: string,
    onProgress: (records: number, capture?: ProgressParams['capture']) => void,
    options: RunOptions = {},
  ): Promise<RunResult> {
    const next = this.queue.then(() => this.runNow(text, baseDir, onProgress, options));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The session's current analysis, for the editor's completions and hovers. */
  get loaded(): Loaded | undefined {
    return this.session?.loaded;
  }

  /** More rows of a large result an earlier cell gave (its output carries the result id). */
  page(resultId: string, offset: number, limit: number): PageResult {
    return this.pages.page(resultId, offset, limit);
  }

  /** Aborts the running cell; true when one was running. */
  interrupt(): boolean {
    if (!this.running) return false;
    this.running.abort();
    return true;
  }

  state(): SessionState {
    const loaded = this.session?.loaded;
    if (!loaded)
      return {
        kind: this.loading ? 'loading' : 'empty',
        input: null,
        format: null,
        flows: 0,
        profiles: 0,
        evidence: 0,
        alerts: 0,
      };
    const s = loaded.summary;
    return {
      kind: this.loading ? 'loading' : 'loaded',
      input: loaded.input,
      format: loaded.format,
      flows: s.records_by_kind.conn ?? 0,
      profiles: s.profiles,
      evidence: s.evidence,
      alerts: s.alerts,
    };
  }

  private async runNow(
    text: string,
    baseDir: string,
    onProgress: (records: number, capture?: ProgressParams['capture']) => void,
    options: RunOptions,
  ): Promise<RunResult> {
    // A notebook moved to another folder resolves its paths from there on.
    if (!this.session || this.session.baseDir !== baseDir) this.session = new Session(baseDir);
    const abort = new AbortController();
    if (options.language === JAVASCRIPT) {
      const results = runJsCell(this.session, text, {
        trusted: options.trusted === true,
        signal: abort.signal,
        timeoutMs: JS_TIMEOUT_MS,
      });
      return { outputs: jsBundles(results), interrupted: false, state: this.stateAfter() };
    }
    this.running = abort;
    let last = 0;
    const before = this.session.loaded;
    try {
      const payloads = await runCell(this.session, text, {
        signal: abort.signal,
        trusted: options.trusted === true,
        blockingConfirmed: options.blockingConfirmed === true,
        // A capture's counts also come on a timer, so a quiet link still shows the cell is capturing.
        onCaptureProgress: ({ records, ...capture }) => {
          this.loading = true;
          const now = Date.now();
          if (now - last < PROGRESS_EVERY_MS) return;
          last = now;
          onProgress(records, capture);
        },
        onProgress: (records) => {
          this.loading = true;
          const now = Date.now();
          if (now - last < PROGRESS_EVERY_MS) return;
          last = now;
          onProgress(records);
        },
      });
      this.pages.attach(text, before, this.session.loaded, payloads);
      const outputs: MimeBundle[] = payloads.map((p) => bundle(p));
      return { outputs, interrupted: abort.signal.aborted, state: this.stateAfter() };
    } finally {
      this.running = undefined;
      this.loading = false;
    }
  }

  private stateAfter(): SessionState {
    this.loading = false;
    return this.state();
  }
}
