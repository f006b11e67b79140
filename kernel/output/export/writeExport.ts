// Writes a query's rows to a file: CSV, an Arrow IPC file, or Parquet (Snappy-compressed, through
// parquet-wasm, which turns the Arrow table into Parquet; loaded on the first parquet export).
import { writeFile } from 'node:fs/promises';
import { tableToIPC } from 'apache-arrow';
import type { ExportFormat } from '../../lang/ast';
import { arrowTable } from './arrowTable';
import { toCsv } from './csv';
import type { ExportTable } from './exportColumns';

export async function encode(t: ExportTable, format: ExportFormat): Promise<Uint8Array> {
  switch (format) {
    case 'csv':
      return Buffer.from(toCsv(t), 'utf8');
    case 'arrow':
      return tableToIPC(arrowTable(t), 'file');
    case 'parquet': {
      const pq = await import('parquet-wasm');
      const table = pq.Table.fromIPCStream(tableToIPC(arrowTable(t), 'stream'));
      const props = new pq.WriterPropertiesBuilder().setCompression(pq.Compression.SNAPPY).build();
      return pq.writeParquet(table, props);
    }
  }
}

/** Encodes and writes; resolves with the bytes written. */
export async function writeExport(t: ExportTable, format: ExportFormat, path: string): Promise<number> {
  const bytes = await encode(t, format);
  await writeFile(path, bytes);
  return bytes.length;
}
