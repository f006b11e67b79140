// Which kind a log's records are read as, shared by the TSV and JSON parsers.
import type { FlowKind } from '../../flow';
import type { Accounting } from '../accounting';
import { ZEEK_SPECS } from './zeekFields';
import type { ZeekKindSpec } from './zeekKindSpec';
import { kindOfZeekType } from './zeekLogKind';

export interface ZeekParserOptions {
  /** Name used in problem reports and origins. */
  file: string;
  accounting: Accounting;
  /** The caller's choice, over anything the log says. */
  kind?: FlowKind;
  /** The log type the file name says (zeekLogType), if any. */
  nameType?: string;
}

export interface KindChoice {
  /** How to build records; undefined when the log type is not one we read. */
  spec: ZeekKindSpec | undefined;
  /** The chosen log type, for the skip reason of unsupported logs. */
  type: string;
}

/**
 * The caller's choice, else what the log declares (`#path`, `_path`), else its file name, else conn:
 * upstream reads unnamed input (stdin) as conn.log. A log's own declaration beats its name so that
 * `labeled-conn.log` with `#path conn` is read as conn.
 */
export function chooseKind(opts: ZeekParserOptions, declared: string | undefined): KindChoice {
  const type = opts.kind ?? declared ?? opts.nameType ?? 'conn';
  const kind = kindOfZeekType(type);
  return { spec: kind === undefined ? undefined : ZEEK_SPECS[kind], type };
}

export function unsupportedReason(type: string): string {
  return `unsupported Zeek log type "${type}"`;
}
