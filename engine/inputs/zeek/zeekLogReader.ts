// One Zeek log (TSV or JSON, plain or gzip, file or stdin) as batches of records in file order.
import { access, constants } from 'node:fs/promises';
import type { FlowKind, FlowRecord } from '../../flow';
import { sourceLines } from '../lines';
import { sourceName, type InputFormat, type Reader, type ReaderOptions, type Source } from '../reader';
import { sniffZeekFile, zeekFormatOfLine, type ZeekFormat } from './zeekFormat';
import { ZeekJsonParser } from './zeekJson';
import type { ZeekParserOptions } from './zeekKindChoice';
import { zeekLogType } from './zeekLogKind';
import { ZeekTsvParser } from './zeekTsv';

export interface ZeekLogReaderOptions extends ReaderOptions {
  /** Read records as this kind whatever the log's name or `#path` say. */
  kind?: FlowKind;
}

export class ZeekLogReader implements Reader {
  private detected: ZeekFormat | undefined;

  constructor(
    private readonly source: Source,
    private readonly opts: ZeekLogReaderOptions,
  ) {
    if (source.kind === 'file') this.detected = sniffZeekFile(source.path);
  }

  /** Known up front for files; for streams 'zeek-tsv' until the first non-empty line has been read. */
  get format(): InputFormat {
    return this.detected ?? 'zeek-tsv';
  }

  async *batches(signal?: AbortSignal): AsyncGenerator<FlowRecord[]> {
    const name = sourceName(this.source);
    const popts: ZeekParserOptions = {
      file: name,
      accounting: this.opts.accounting,
      kind: this.opts.kind,
      nameType: zeekLogType(name),
    };
    // Fail here, catchably: lines.ts opens its stream before checking the file and would throw from
    // an unhandled stream error instead.
    if (this.source.kind === 'file') await access(this.source.path, constants.R_OK);
    let parser: ZeekTsvParser | ZeekJsonParser | undefined;
    const lineBatches = sourceLines(this.source, {
      accounting: this.opts.accounting,
      batchSize: this.opts.batchSize,
    });
    for await (const { lines, firstLine } of lineBatches) {
      if (signal?.aborted) return;
      const out: FlowRecord[] = [];
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!;
        if (parser === undefined) {
          const format = zeekFormatOfLine(line);
          if (format === undefined) continue;
          this.detected = format;
          parser = format === 'zeek-json' ? new ZeekJsonParser(popts) : new ZeekTsvParser(popts);
        }
        const rec = parser.parse(line, firstLine + i);
        if (rec !== undefined) out.push(rec);
      }
      if (out.length > 0) yield out;
    }
  }
}
