// The contract between the kernel and whoever shows its results (the VS Code extension, renderers,
// `slips nb run`, tests): the mime type of each result kind and the JSON payload under it. Renderers
// import this file and nothing else from the kernel, so it holds types and constants only.

/** One mime type per result kind; `text/markdown` is the fallback every output also carries. */
export const MIME = {
  table: 'application/vnd.slips.table+json',
  scalar: 'application/vnd.slips.scalar+json',
  profile: 'application/vnd.slips.profile+json',
  timeline: 'application/vnd.slips.timeline+json',
  letters: 'application/vnd.slips.letters+json',
  explain: 'application/vnd.slips.explain+json',
  load: 'application/vnd.slips.load+json',
  error: 'application/vnd.slips.error+json',
  export: 'application/vnd.slips.export+json',
  capture: 'application/vnd.slips.capture+json',
  blocking: 'application/vnd.slips.blocking+json',
  /** A chart's output holds its vega-lite spec here (not the payload), for any vega-lite renderer. */
  chart: 'application/vnd.vegalite.v5+json',
  /** The chart drawn headless in the kernel, for viewers without a vega-lite renderer. */
  svg: 'image/svg+xml',
  markdown: 'text/markdown',
} as const;

/** Points a chart carries at most: bars (each is a labelled shape) and line points (one path). */
export const MAX_BARS = 200;
export const MAX_LINE_POINTS = 5000;

/** Rows a result carries at most; the total is always given so a renderer can say what was left out. */
export const MAX_ROWS = 200;

/** A string longer than this (a hostile URI, a huge user agent) is cut and marked with `…`. */
export const MAX_STRING = 2000;

/** A cell value. Times are epoch seconds (the column type says so); lists come from list fields. */
export type Value = number | string | boolean | null | readonly string[] | readonly number[];

export type ColumnType = 'number' | 'time' | 'string' | 'bool' | 'list';

export interface ColumnInfo {
  name: string;
  type: ColumnType;
}

export interface TablePayload {
  kind: 'table';
  /** What was asked, e.g. the query's source and stages, for a title. */
  title: string;
  columns: ColumnInfo[];
  rows: Value[][];
  /** Rows the query produced; `rows` holds the first MAX_ROWS of them. */
  total: number;
  /** Set when the kernel keeps the rest for paging (see PageResult); absent in saved or headless output. */
  resultId?: string;
}

export interface ScalarPayload {
  kind: 'scalar';
  title: string;
  label: string;
  value: number;
}

export interface WindowRow {
  tw: number;
  start: number;
  end: number;
  flows: number;
  records: number;
  pkts: number;
  bytes: number;
  peers: number;
  dstPorts: number;
  evidence: number;
  alerts: number;
}

export interface AlertRow {
  id: string;
  tw: number;
  accumulatedThreatLevel: number;
  threatLevel: string;
  evidence: number;
  lastFlowTime: number;
}

export interface ProfilePayload {
  kind: 'profile';
  ip: string;
  firstSeen: number;
  /** Host facts learnt from traffic (MAC, host name, first user agent, software). */
  info: Record<string, string>;
  windows: WindowRow[];
  windowsTotal: number;
  evidenceByType: Record<string, number>;
  alerts: AlertRow[];
}

export interface TimelineRow {
  ts: number;
  tw: number;
  /** The entry as one human line, as the upstream timeline prints it. */
  line: string;
  /** The entry's keys as in timeline.jsonl (dport_name, preposition, state, info...). */
  activity: Record<string, unknown>;
}

export interface TimelinePayload {
  kind: 'timeline';
  ip: string;
  /** The window asked for, or null for every window of the profile. */
  tw: number | null;
  total: number;
  /** Index of the first entry in `rows` within the whole timeline (paging). */
  offset: number;
  rows: TimelineRow[];
  /** Set when the kernel keeps the rest for paging (see PageResult). */
  resultId?: string;
}

/** Rows a renderer may ask for in one page request. */
export const MAX_PAGE = 500;

/** A renderer asks the extension for more rows of a result (VS Code renderer messaging). */
export interface PageMessage {
  type: 'slips/page';
  /** Matches the answer to the question: a renderer may ask while an earlier answer is on its way. */
  requestId: number;
  resultId: string;
  offset: number;
  limit: number;
}

/** One page of a kept result: table rows or timeline entries, as in the payload they extend. */
export type PageResult =
  | { kind: 'table'; resultId: string; offset: number; total: number; rows: Value[][] }
  | { kind: 'timeline'; resultId: string; offset: number; total: number; rows: TimelineRow[] };

/** The extension's answer to a PageMessage: the page, or one sentence saying why there is none. */
export type PageAnswer = { type: 'slips/page'; requestId: number } & (
  { page: PageResult } | { error: string }
);

export interface LettersRow {
  tw: number;
  /** `out`: the profile is the client of the tuple; `in`: it is the server. */
  direction: 'out' | 'in';
  /** `<peer>-<dport>-<proto>`, upstream's tuple key. */
  tuple: string;
  flows: number;
  letters: string;
}

export interface LettersPayload {
  kind: 'letters';
  ip: string;
  total: number;
  rows: LettersRow[];
}

export interface ExplainPayload {
  kind: 'explain';
  evidence: {
    id: string;
    type: string;
    description: string;
    profile: string;
    tw: number;
    timestamp: number;
    threatLevel: string;
    confidence: number;
    attacker: string;
    victim: string | null;
    module: string;
    uids: number;
  };
  facts: Record<string, number | string>;
  /** The records behind the evidence, found by the uids it kept. */
  flows: TablePayload;
  /** Alerts the evidence contributed to. */
  alerts: string[];
}

export interface LoadPayload {
  kind: 'load';
  input: string;
  format: string;
  recordsRead: number;
  recordsParsed: number;
  recordsSkipped: number;
  recordsRejected: number;
  recordsByKind: Record<string, number>;
  profiles: number;
  timewindows: number;
  evidence: number;
  alerts: number;
  firstTs: number | null;
  lastTs: number | null;
  width: number;
  direction: string;
  /** The first problems met (rejected records, file errors), `file:line: reason`. */
  problems: string[];
}

/** A vega-lite v5 spec with its data inline: plain JSON. */
export type VegaLiteSpec = { [key: string]: unknown };

export interface ChartPayload {
  kind: 'chart';
  title: string;
  spec: VegaLiteSpec;
  /** The same chart rendered by vega in the kernel: deterministic SVG, traffic strings as escaped text. */
  svg: string;
  /** The chart's points as a table (time columns in epoch seconds), for the markdown fallback. */
  data: TablePayload;
}

export interface ExportPayload {
  kind: 'export';
  format: 'arrow' | 'csv' | 'parquet';
  /** Absolute path of the file written. */
  path: string;
  rows: number;
  columns: string[];
  bytes: number;
}

/** One address blocked by `capture … block`, in traffic time (epoch seconds). */
export interface BlockRow {
  ip: string;
  since: number;
  until: number;
  /** Seconds of traffic time left: `until` minus the capture's traffic time when it stopped. */
  remaining: number;
  /** Alerts in later windows that extended the block. */
  extensions: number;
  /** The newest time window whose alert set or extended the block. */
  tw: number;
}

export interface BlockingPayload {
  kind: 'blocking';
  iface: string;
  /** `firewall`: blocks were applied (when `applied`); `dry-run`: the commands were only logged. */
  mode: 'firewall' | 'dry-run';
  backend: string;
  applied: boolean;
  /** The newest flow time when the capture stopped, or null when no flow came. */
  trafficTime: number | null;
  /** Blocks in force when the capture stopped (the capture lifts them as it ends). */
  blocks: BlockRow[];
  /** The last MAX_ROWS lines of blocking.log. */
  log: string[];
  logTotal: number;
  logFile: string;
}

export interface CapturePayload {
  kind: 'capture';
  iface: string;
  filter: string;
  /** Seconds asked with `for`, or null (until interrupted). */
  duration: number | null;
  stoppedBy: 'duration' | 'interrupt' | 'tcpdump exited';
  /** tcpdump's own counts when it stopped (null when it printed none). */
  packetsCaptured: number | null;
  packetsReceivedByFilter: number | null;
  packetsDroppedByKernel: number | null;
  /** What the analysis read, made and found, as after `load`. */
  load: LoadPayload;
  blocking: BlockingPayload | null;
}

export interface ErrorPayload {
  kind: 'error';
  message: string;
  /** 1-based position in the cell, when the error points at a place in it. */
  line: number | null;
  col: number | null;
}

export type Payload =
  | TablePayload
  | ScalarPayload
  | ProfilePayload
  | TimelinePayload
  | LettersPayload
  | ExplainPayload
  | LoadPayload
  | ChartPayload
  | ExportPayload
  | CapturePayload
  | BlockingPayload
  | ErrorPayload;

export type PayloadKind = Payload['kind'];

/**
 * One output of a cell: a markdown fallback, and the payload under its kind's mime type — except a
 * chart, whose output holds its vega-lite spec and its SVG instead.
 */
export type OutputBundle = { [MIME.markdown]: string } & Partial<
  Record<(typeof MIME)[Exclude<PayloadKind, 'chart'>], Payload>
> & { [MIME.chart]?: VegaLiteSpec; [MIME.svg]?: string };
