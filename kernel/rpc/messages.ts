// The JSON-RPC contract between the kernel process (dist/kernel.js) and whoever drives it over stdio:
// the VS Code extension and the headless tests. Method names and their parameter and result shapes; both
// sides import this file so they cannot drift.
import { NotificationType, RequestType } from 'vscode-jsonrpc';
import type { Diagnostic, Hover } from '../lang/completions';
import type { PageResult } from '../protocol';
import type { CompleteResult } from './languageFeatures';

/** A mime → data map, as a notebook output holds it (JSON payloads as objects, text as strings). */
export type MimeBundle = Record<string, unknown>;

export interface RunParams {
  /** The notebook the cell belongs to: each notebook has its own analysis session. */
  notebook: string;
  /** Echoed in progress notifications so the caller knows which cell they are about. */
  cell: string;
  text: string;
  /** Folder that relative paths in the cell (`load PATH`) are resolved against: the notebook's folder. */
  baseDir: string;
  /**
   * The editor's workspace trust for this notebook. Absent means untrusted: `capture` (tcpdump, and the
   * firewall with `block`) only runs when the client says the workspace is trusted.
   */
  trusted?: boolean;
  /** The user agreed in a dialog that this cell's `capture … block` may change the firewall. */
  blockingConfirmed?: boolean;
  /**
   * The cell's language: `slips` (the default) or `javascript`, which runs with `slips` bound to this
   * notebook's session (kernel/js) and, like capture, only when `trusted` is true.
   */
  language?: string;
}

export interface RunResult {
  outputs: MimeBundle[];
  /** True when the run was interrupted; the outputs are what was done before. */
  interrupted: boolean;
  state: SessionState;
}

export interface SessionState {
  kind: 'empty' | 'loading' | 'loaded';
  input: string | null;
  /** The loaded input's format, e.g. `binetflow`. */
  format: string | null;
  flows: number;
  profiles: number;
  evidence: number;
  alerts: number;
}

export interface NotebookParams {
  notebook: string;
}

export interface ProgressParams {
  notebook: string;
  cell: string;
  /** Records read so far by the running `load`. */
  records: number;
  /** Only while a `capture` runs: packets from tcpdump and what the analysis made of them so far. */
  capture?: {
    packets: number;
    profiles: number;
    evidence: number;
    alerts: number;
    blocked: number;
  };
}

export const RunRequest = new RequestType<RunParams, RunResult, void>('slips/run');
export const InterruptRequest = new RequestType<NotebookParams, { interrupted: boolean }, void>(
  'slips/interrupt',
);
export const StateRequest = new RequestType<NotebookParams, SessionState, void>('slips/state');
export const DisposeRequest = new RequestType<NotebookParams, void, void>('slips/dispose');
export const ProgressNotification = new NotificationType<ProgressParams>('slips/progress');

/** More rows of a large result (a renderer scrolled past the rows its output carries). */
export interface PageParams {
  notebook: string;
  resultId: string;
  offset: number;
  limit: number;
}

export const PageRequest = new RequestType<PageParams, PageResult, void>('slips/page');

/** A cell's text and a cursor in it (a 0-based UTF-16 offset, as `TextDocument.offsetAt` gives). */
export interface CursorParams {
  /** Whose session's IPs and evidence are offered; a notebook that loaded nothing gets the language alone. */
  notebook: string;
  text: string;
  offset: number;
}

export interface DiagnoseParams {
  text: string;
}

export type { CompleteResult, Diagnostic, Hover };

export const CompleteRequest = new RequestType<CursorParams, CompleteResult, void>('slips/complete');
export const HoverRequest = new RequestType<CursorParams, Hover | null, void>('slips/hover');
export const DiagnoseRequest = new RequestType<DiagnoseParams, Diagnostic[], void>('slips/diagnose');
