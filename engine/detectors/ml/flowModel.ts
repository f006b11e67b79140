// Finds and loads the flow classifier's forest once per folder: the configured folder, else the
// shipped models/flow-rf beside the bundle (dist/models) or in the project. A missing or broken model
// disables only the flow classifier, with one line saying why.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RandomForest } from '../../ml/flows/forest';
import { ForestFileError } from '../../ml/flows/forest';
import { MODEL_FILE, readForest } from '../../ml/flows/modelFolder';

export const FLOW_MODEL_NAME = 'flow-rf';

export type FlowModel =
  { kind: 'loaded'; forest: RandomForest; dir: string } | { kind: 'unavailable'; reason: string };

const cache = new Map<string, FlowModel>();

function shippedDirs(): string[] {
  return [
    resolve(__dirname, 'models'),
    resolve(__dirname, '../models'),
    resolve(__dirname, '../../../models'),
  ].map((d) => join(d, FLOW_MODEL_NAME));
}

/** The model in `dir` ('' or undefined: the shipped one). */
export function loadFlowModel(dir?: string): FlowModel {
  const key = dir ?? '';
  let m = cache.get(key);
  if (!m) {
    m = load(key);
    cache.set(key, m);
  }
  return m;
}

function load(dir: string): FlowModel {
  const found = dir || shippedDirs().find((d) => existsSync(join(d, MODEL_FILE)));
  if (!found)
    return {
      kind: 'unavailable',
      reason: `no ${FLOW_MODEL_NAME} model found (looked in ${shippedDirs().join(', ')})`,
    };
  try {
    return { kind: 'loaded', forest: readForest(found), dir: found };
  } catch (err) {
    if (err instanceof ForestFileError) return { kind: 'unavailable', reason: err.message };
    throw err;
  }
}
