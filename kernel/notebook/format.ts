// The `.slipsnb` file: nbformat 4 JSON (so Jupyter, nbviewer and GitHub read it) with code cells in the
// `slips` language. Outputs are `display_data` whose `data` is the kernel's mime bundle: the custom
// payload for our renderers plus markdown/SVG fallbacks for every other viewer. The notebook's
// `metadata.slips` records what was analysed (input paths and sha256), by which engine and with what
// configuration, so a re-run can tell when the input is not the one the outputs came from.

export const NOTEBOOK_LANGUAGE = 'slips';

export interface InputRecord {
  /** Relative to the notebook's folder, with `/` separators, as the `load` cell named it. */
  path: string;
  /** sha256 of the file; for a folder, of its `sha256  relative/path` lines (sorted, like sha256sum). */
  sha256: string;
}

export interface ConfigRecord {
  timeWindowWidth: number;
  analysisDirection: string;
  disabledModules: string[];
  disabledDetections: string[];
  /** sha256 of the whole effective configuration as YAML, to notice any other difference. */
  sha256: string;
}

export interface SlipsMetadata {
  engineVersion: string;
  /** Every input a `load` cell analysed, in cell order. */
  inputs: InputRecord[];
  /** The configuration of the last load. */
  config: ConfigRecord | null;
}

export type MimeData = Record<string, unknown>;

export interface DisplayOutput {
  output_type: 'display_data';
  data: MimeData;
  metadata: Record<string, unknown>;
}

export interface CodeCell {
  cell_type: 'code';
  id: string;
  metadata: Record<string, unknown>;
  source: string;
  execution_count: number | null;
  outputs: DisplayOutput[];
}

export interface MarkdownCell {
  cell_type: 'markdown';
  id: string;
  metadata: Record<string, unknown>;
  source: string;
}

export type Cell = CodeCell | MarkdownCell;

export interface Notebook {
  metadata: Record<string, unknown> & { slips?: SlipsMetadata };
  cells: Cell[];
}

export class NotebookFormatError extends Error {
  override name = 'NotebookFormatError';
}

const KERNELSPEC = { name: 'slips', display_name: 'Slips', language: NOTEBOOK_LANGUAGE };
const LANGUAGE_INFO = { name: NOTEBOOK_LANGUAGE, file_extension: '.slips', mimetype: 'text/x-slips' };

/** nbformat 4.5 cell ids: 1-64 letters, digits, `-` and `_`. */
const CELL_ID = /^[a-zA-Z0-9_-]{1,64}$/;

/** nbformat stores multi-line text as a string or as a list of lines; both read as one string. */
function text(v: unknown, where: string): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v.join('');
  throw new NotebookFormatError(`${where} should be a string or a list of strings`);
}

/** Jupyter's own way to store text: one list item per line, each ending with its newline. */
function lines(s: string): string[] {
  return s === '' ? [] : (s.match(/[^\n]*\n|[^\n]+$/g) ?? []);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readOutput(o: unknown, where: string): DisplayOutput | undefined {
  if (!isObject(o)) throw new NotebookFormatError(`${where} is not an object`);
  // Outputs of other kinds (a Jupyter kernel's stream or error) are not ours to keep: a re-run replaces them.
  if (o.output_type !== 'display_data' && o.output_type !== 'execute_result') return undefined;
  if (!isObject(o.data)) throw new NotebookFormatError(`${where}.data is not a mime bundle`);
  const data: MimeData = {};
  for (const [mime, v] of Object.entries(o.data))
    data[mime] = /json$/.test(mime) ? v : text(v, `${where}.data['${mime}']`);
  return { output_type: 'display_data', data, metadata: isObject(o.metadata) ? o.metadata : {} };
}

/** Reads a notebook; `file` only names it in messages. Empty text is an empty notebook. */
export function parseNotebook(json: string, file = 'notebook'): Notebook {
  if (json.trim() === '') return { metadata: {}, cells: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new NotebookFormatError(`${file} is not JSON: ${(err as Error).message}`);
  }
  if (!isObject(raw) || !Array.isArray(raw.cells))
    throw new NotebookFormatError(`${file} is not an nbformat 4 notebook: it has no cells list`);
  if (raw.nbformat !== undefined && raw.nbformat !== 4)
    throw new NotebookFormatError(`${file} is nbformat ${String(raw.nbformat)}; only version 4 is read`);
  const used = new Set<string>();
  const cells = raw.cells.map((c, i): Cell => {
    const where = `${file}: cell ${i + 1}`;
    if (!isObject(c)) throw new NotebookFormatError(`${where} is not an object`);
    let id = typeof c.id === 'string' && CELL_ID.test(c.id) && !used.has(c.id) ? c.id : `cell-${i + 1}`;
    while (used.has(id)) id = `${id}-${i + 1}`;
    used.add(id);
    const metadata = isObject(c.metadata) ? c.metadata : {};
    const source = text(c.source ?? '', `${where} source`);
    if (c.cell_type === 'code') {
      const outputs = Array.isArray(c.outputs)
        ? c.outputs.flatMap((o, j) => readOutput(o, `${where} output ${j + 1}`) ?? [])
        : [];
      const count = typeof c.execution_count === 'number' ? c.execution_count : null;
      return { cell_type: 'code', id, metadata, source, execution_count: count, outputs };
    }
    // Raw cells and anything unknown read as markdown: shown, never executed.
    return { cell_type: 'markdown', id, metadata, source };
  });
  return { metadata: isObject(raw.metadata) ? raw.metadata : {}, cells };
}

/** Writes a notebook as nbformat 4.5 JSON, one stable layout so a re-run gives the same bytes. */
export function serializeNotebook(nb: Notebook): string {
  const cells = nb.cells.map((c) =>
    c.cell_type === 'code'
      ? {
          cell_type: 'code',
          execution_count: c.execution_count,
          id: c.id,
          metadata: c.metadata,
          outputs: c.outputs.map((o) => ({
            output_type: 'display_data',
            data: Object.fromEntries(
              Object.entries(o.data).map(([mime, v]) => [mime, typeof v === 'string' ? lines(v) : v]),
            ),
            metadata: o.metadata,
          })),
          source: lines(c.source),
        }
      : { cell_type: 'markdown', id: c.id, metadata: c.metadata, source: lines(c.source) },
  );
  const metadata = { ...nb.metadata, kernelspec: KERNELSPEC, language_info: LANGUAGE_INFO };
  return JSON.stringify({ cells, metadata, nbformat: 4, nbformat_minor: 5 }, null, 1) + '\n';
}

/** JSON with sorted keys: two output bundles are the same when this text is, whatever wrote them. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (isObject(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}
