// Suricata eve.json (one JSON object per line) as flow-record batches, in file order.
// Suricata may log a flow's dns/http events before the flow event itself; records keep file order
// and the profiler joins them by uid (= flow_id).
import type { FlowRecord } from '../../flow';
import type { Accounting } from '../accounting';
import { MAX_LINE_BYTES, sourceLines } from '../lines';
import { sourceName, type Reader, type ReaderOptions, type Source } from '../reader';
import { recordBatches } from '../recordBatches';
import { EVENT_BUILDERS } from './eveRecords';
import { isObject } from './eveValues';

/** Longest event_type kept word for word in the skip reasons (hostile input could invent any). */
const MAX_TYPE_IN_REASON = 40;

export class SuricataReader implements Reader {
  readonly format = 'suricata' as const;

  constructor(
    private readonly source: Source,
    private readonly opts: ReaderOptions,
  ) {}

  batches(signal?: AbortSignal): AsyncIterable<FlowRecord[]> {
    const acc = this.opts.accounting;
    const file = sourceName(this.source);
    const lines = sourceLines(this.source, { accounting: acc, batchSize: this.opts.batchSize });
    const parser = { parse: (line: string, lineNo: number) => parseEveLine(line, file, lineNo, acc) };
    return recordBatches(lines, parser, signal);
  }
}

/** One eve line → a record, or undefined when blank, skipped or rejected (counted in `acc`). */
function parseEveLine(line: string, file: string, lineNo: number, acc: Accounting): FlowRecord | undefined {
  if (line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim().length === 0)) return undefined;
  // lines.ts caps lines that span read chunks; one inside a single chunk arrives whole.
  if (line.length > MAX_LINE_BYTES) {
    acc.reject(file, lineNo, `line longer than ${MAX_LINE_BYTES} bytes`);
    return undefined;
  }
  if (line.indexOf('\uFFFD') !== -1) {
    acc.reject(file, lineNo, 'line is not valid UTF-8 text');
    return undefined;
  }
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch (err) {
    acc.reject(file, lineNo, `invalid JSON: ${(err as Error).message.slice(0, 100)}`);
    return undefined;
  }
  if (!isObject(o)) {
    acc.reject(file, lineNo, 'not a JSON object');
    return undefined;
  }
  const type = o.event_type;
  if (typeof type !== 'string' || type.length === 0) {
    acc.reject(file, lineNo, 'no event_type');
    return undefined;
  }
  const build = EVENT_BUILDERS.get(type);
  if (build === undefined) {
    acc.skip(`suricata event_type ${type.slice(0, MAX_TYPE_IN_REASON)}`);
    return undefined;
  }
  const rec = build(o, file, lineNo);
  if (typeof rec === 'string') {
    acc.reject(file, lineNo, `${type} event: ${rec}`);
    return undefined;
  }
  acc.accept();
  return rec;
}
