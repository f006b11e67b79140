// The JSON-RPC contract between the kernel process (dist/kernel.js) and whoever drives it over stdio:
// the VS Code extension and the headless tests. Method names and their parameter and result shapes; both
// sides import this file so they cannot drift.
import { NotificationType, RequestType } from 'vscode-jsonrpc';

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
}

export const RunRequest = new RequestType<RunParams, RunResult, void>('slips/run');
export const InterruptRequest = new RequestType<NotebookParams, { interrupted: boolean }, void>(
  'slips/interrupt',
);
export const StateRequest = new RequestType<NotebookParams, SessionState, void>('slips/state');
export const DisposeRequest = new RequestType<NotebookParams, void, void>('slips/dispose');
export const ProgressNotification = new NotificationType<ProgressParams>('slips/progress');
