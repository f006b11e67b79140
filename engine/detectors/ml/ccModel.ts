// Finds and loads the shipped C&C model once per process: beside the bundle (dist/models, copied by
// build.mjs), or the project's models/ folder. A missing or broken model disables only the C&C
// sequence detector, with one line saying why.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GruScorer, ModelFileError } from '../../ml/cc/gruForward';

export const CC_MODEL_NAME = 'cc-letters';

export type CcModel =
  | { kind: 'loaded'; scorer: GruScorer; threshold: number; dir: string }
  | { kind: 'unavailable'; reason: string };

const cache = new Map<string, CcModel>();

function candidateDirs(): string[] {
  return [
    resolve(__dirname, 'models'),
    resolve(__dirname, '../models'),
    resolve(__dirname, '../../../models'),
  ].map((d) => join(d, CC_MODEL_NAME));
}

/** The model in `dir`, or the first shipped copy found. */
export function loadCcModel(dir?: string): CcModel {
  const key = dir ?? '';
  let m = cache.get(key);
  if (!m) {
    m = load(dir);
    cache.set(key, m);
  }
  return m;
}

function load(dir: string | undefined): CcModel {
  const found = dir ?? candidateDirs().find((d) => existsSync(join(d, 'model.json')));
  if (!found)
    return {
      kind: 'unavailable',
      reason: `no ${CC_MODEL_NAME} model found (looked in ${candidateDirs().join(', ')})`,
    };
  try {
    const scorer = GruScorer.load(found);
    return { kind: 'loaded', scorer, threshold: readThreshold(found), dir: found };
  } catch (err) {
    if (err instanceof ModelFileError) return { kind: 'unavailable', reason: err.message };
    throw err;
  }
}

/** The threshold chosen at training time (metrics.json), or the default when the file lacks it. */
function readThreshold(dir: string): number {
  const file = join(dir, 'metrics.json');
  let t: unknown;
  try {
    t = JSON.parse(readFileSync(file, 'utf8')).threshold;
  } catch (err) {
    throw new ModelFileError(`${file}: cannot read the model's threshold (${(err as Error).message})`);
  }
  if (typeof t !== 'number' || !(t > 0 && t < 1))
    throw new ModelFileError(`${file}: threshold must be a number between 0 and 1`);
  return t;
}
