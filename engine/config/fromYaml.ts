// The newest dialect: `config/slips.yaml`, a mapping of sections to mappings of keys.
// Each key becomes an Entry carrying the line of its value, for error messages.
import { LineCounter, isMap, isNode, isScalar, parseDocument, type Document, type Node } from 'yaml';
import { applyEntries, type Entry } from './apply';
import { DEFAULT_CONFIG, cloneConfig } from './defaults';
import { ConfigError, type SlipsConfig } from './types';

/** The file's entries; undefined when its top level is not a mapping. Throws ConfigError on bad YAML. */
export function yamlEntries(text: string, file: string): Entry[] | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const err = doc.errors[0];
  if (err) {
    const what = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    const line = err.linePos?.[0].line;
    throw new ConfigError(`${file}${line === undefined ? '' : `:${line}`}: invalid YAML: ${what}`);
  }
  if (doc.contents === null) return [];
  if (!isMap(doc.contents)) return undefined;

  const lineOf = (n: unknown): number | undefined =>
    isNode(n) && n.range ? lines.linePos(n.range[0]).line : undefined;
  const entries: Entry[] = [];
  for (const pair of doc.contents.items) {
    const section = String(isScalar(pair.key) ? pair.key.value : pair.key);
    const body = pair.value;
    if (isMap(body)) {
      for (const kv of body.items) {
        const key = String(isScalar(kv.key) ? kv.key.value : kv.key);
        entries.push({ section, key, value: plain(kv.value, doc), line: lineOf(kv.value) ?? lineOf(kv.key) });
      }
    } else if (!(isScalar(body) && body.value === null) && body !== null) {
      entries.push({ section, key: '', value: plain(body, doc), line: lineOf(body) ?? lineOf(pair.key) });
    }
  }
  return entries;
}

function plain(v: unknown, doc: Document): unknown {
  return isNode(v) ? (v as Node).toJS(doc) : v;
}

/** `entries` can be passed when the caller already parsed the file to choose the dialect. */
export function configFromYaml(text: string, file: string, entries = yamlEntries(text, file)): SlipsConfig {
  if (entries === undefined)
    throw new ConfigError(
      `${file}: the YAML top level must be a mapping of sections (parameters, detection, modules, ...)`,
    );
  const config = cloneConfig(DEFAULT_CONFIG);
  config.source = { path: file, dialect: 'yaml' };
  return applyEntries(config, entries, file, { foldKeyCase: false });
}
