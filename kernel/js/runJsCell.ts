// Runs a `javascript` cell in the kernel process with `slips` bound to the notebook's session.
//
// A fresh vm context per cell: a cell sees only `slips`, `console` and the language's own globals, never
// what an earlier cell left behind, so re-running a cell (or `slips nb run`) gives the same outputs; what
// cells share is the session, as slips cells do. The vm is not a sandbox (a cell can reach the host
// through any object it is given): workspace trust is the gate, checked before anything is compiled.
//
// The cell body is wrapped in an async function so top-level `await` works. The context runs its
// microtasks inside the evaluation (microtaskMode 'afterEvaluate') and gets no timers, so the whole cell,
// awaits included, runs within one synchronous evaluation — which is what lets the vm timeout stop an
// endless loop anywhere in it. The same fact means an interrupt request cannot arrive while a cell runs
// (the kernel's event loop is busy): the timeout is how a runaway cell ends.
import vm from 'node:vm';
import type { ErrorPayload } from '../protocol';
import type { Session } from '../session/session';
import { describe, slipsApi, type JsOutput } from './slipsApi';

export { JAVASCRIPT } from './cellLanguage';

/** How long a cell may run before it is stopped, unless the caller says otherwise. */
export const DEFAULT_JS_TIMEOUT_MS = 30_000;

/** The name cell frames carry in stack traces, so an error's line in the cell can be found. */
const FILENAME = 'slips-cell.js';

export interface JsControl {
  /** Whether the notebook's workspace is trusted: an untrusted one never runs a javascript cell. */
  trusted?: boolean;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export type JsResult = JsOutput | { kind: 'error'; payload: ErrorPayload };

export function runJsCell(session: Session, text: string, control: JsControl = {}): JsResult[] {
  if (control.trusted !== true)
    return [
      failure(
        'javascript cells run code on this machine, so they only run in a trusted workspace: trust the folder of this notebook (Workspaces: Manage Workspace Trust), or pass --trust to `slips nb run`, and run the cell again',
        null,
      ),
    ];
  if (control.signal?.aborted) return [failure('the cell was interrupted before it started', null)];
  const out: JsResult[] = [];
  // Consecutive console lines make one text output, as a terminal would show them.
  const emit = (o: JsOutput) => {
    const last = out[out.length - 1];
    if (o.kind === 'text' && last?.kind === 'text') last.text += `\n${o.text}`;
    else out.push(o);
  };
  const log = (...args: unknown[]) => emit({ kind: 'text', text: args.map(describe).join(' ') });
  const settled: { done: boolean; error?: unknown } = { done: false };
  const context = vm.createContext(
    {
      slips: slipsApi(session, emit),
      console: { log, info: log, warn: log, error: log, debug: log },
      __settle: (error?: unknown) => Object.assign(settled, { done: true, error }),
    },
    { microtaskMode: 'afterEvaluate', codeGeneration: { strings: false, wasm: false } },
  );
  // The wrapper shares the cell's first line so the cell's line numbers are the script's.
  const source = `(async () => {${text}\n})().then(() => __settle(), (e) => __settle(e ?? new Error(String(e))));`;
  const timeoutMs = control.timeoutMs ?? DEFAULT_JS_TIMEOUT_MS;
  try {
    new vm.Script(source, { filename: FILENAME }).runInContext(context, { timeout: timeoutMs });
  } catch (err) {
    out.push(errorOf(err, timeoutMs));
    return out;
  }
  if (!settled.done)
    out.push(failure('the cell is still waiting on a promise that nothing in the cell can settle', null));
  else if (settled.error !== undefined) out.push(errorOf(settled.error, timeoutMs));
  return out;
}

function failure(message: string, line: number | null): JsResult {
  return { kind: 'error', payload: { kind: 'error', message, line, col: null } };
}

/** The error's message and the line of the cell it came from (its innermost frame in the cell). */
function errorOf(err: unknown, timeoutMs: number): JsResult {
  const e = err as { code?: string; name?: string; message?: string; stack?: string };
  if (e?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT')
    return failure(
      `the cell ran longer than ${timeoutMs / 1000} s and was stopped (an endless loop?); what it displayed before is kept`,
      null,
    );
  const message = typeof e?.message === 'string' ? `${e.name ?? 'Error'}: ${e.message}` : String(err);
  const at = new RegExp(`${FILENAME.replace('.', '\\.')}:(\\d+)(?::(\\d+))?`).exec(String(e?.stack ?? ''));
  return failure(message, at ? Number(at[1]) : null);
}
