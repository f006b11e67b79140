// Which Zeek log a file is, from its name. Zeek and zeekctl name logs `<type>.log`, rotated ones
// `<type>.<period>.log` (`conn.13:00:00-14:00:00.log`, `dns.2020-01-01-00-00-00.log`), archives add `.gz`,
// and netflowlabeler adds `.labeled` (slips-behaviour.md 2.2, upstream issues #1409, #1834).
import { ZEEK_LOG_KINDS, type FlowKind } from '../../flow';

const SUPPORTED: ReadonlySet<string> = new Set(ZEEK_LOG_KINDS);

/**
 * The log type a file name says (`conn`, `quic`, `loaded_scripts`, ...), lower-case, or undefined when the
 * name is not shaped like a Zeek log (no `.log` before an optional `.labeled` / `.gz`).
 */
export function zeekLogType(fileName: string): string | undefined {
  let name = fileName
    .slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1)
    .toLowerCase();
  if (name.endsWith('.gz')) name = name.slice(0, -3);
  if (name.endsWith('.labeled')) name = name.slice(0, -8);
  if (!name.endsWith('.log')) return undefined;
  const dot = name.indexOf('.');
  const type = name.slice(0, dot);
  return type.length > 0 ? type : undefined;
}

/** The record kind a Zeek log type is read as, or undefined when the type is not one we read. */
export function kindOfZeekType(type: string): FlowKind | undefined {
  return SUPPORTED.has(type) ? (type as FlowKind) : undefined;
}

/** The record kind of a Zeek log file name; undefined for unsupported logs and names that are not Zeek logs. */
export function zeekLogKind(fileName: string): FlowKind | undefined {
  const type = zeekLogType(fileName);
  return type === undefined ? undefined : kindOfZeekType(type);
}
