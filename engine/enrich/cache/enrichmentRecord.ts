// enrichment.json in the output folder: every answer a run's online lookups used, by service and key.
// Giving it back (`ip_info.replay_enrichment`) makes a re-run use exactly those answers and nothing
// from the network or the cache, so the same input gives the same output anywhere, offline too.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ENRICHMENT_RECORD_FILE = 'enrichment.json';

export type RecordedLookups = Record<string, Record<string, unknown>>;

export function writeEnrichmentRecord(outDir: string, lookups: RecordedLookups): string {
  const path = join(outDir, ENRICHMENT_RECORD_FILE);
  const sorted = Object.fromEntries(
    Object.keys(lookups)
      .sort()
      .map((k) => [k, lookups[k]]),
  );
  writeFileSync(path, JSON.stringify({ version: 1, lookups: sorted }, null, 1) + '\n');
  return path;
}

/** The recorded answers by service namespace; throws an Error whose message says what is wrong. */
export function readEnrichmentRecord(path: string): Map<string, Map<string, unknown>> {
  let doc: { version?: unknown; lookups?: unknown };
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as typeof doc;
  } catch (err) {
    throw new Error(`${path}: cannot read the recorded enrichment: ${(err as Error).message}`);
  }
  if (doc?.version !== 1 || typeof doc.lookups !== 'object' || doc.lookups === null)
    throw new Error(`${path}: not an enrichment.json of this version`);
  const out = new Map<string, Map<string, unknown>>();
  for (const [ns, answers] of Object.entries(doc.lookups as Record<string, unknown>)) {
    if (typeof answers !== 'object' || answers === null)
      throw new Error(`${path}: section ${ns} is not an object`);
    out.set(ns, new Map(Object.entries(answers as Record<string, unknown>)));
  }
  return out;
}
