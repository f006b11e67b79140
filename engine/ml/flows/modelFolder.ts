// The files of a flow-classifier model folder: model.json (the forest) and metrics.json (how it was
// made and evaluated). Reading checks everything and throws ForestFileError naming the file.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLASS_NAMES, FLOW_FEATURES } from './features';
import { ForestFileError, RandomForest } from './forest';

export const MODEL_FILE = 'model.json';

export function readForest(dir: string): RandomForest {
  const file = join(dir, MODEL_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ForestFileError(
      `${file}: cannot read the model (${code === 'ENOENT' ? 'no such file' : (err as Error).message})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ForestFileError(`${file}: the model is not valid JSON (${(err as Error).message})`);
  }
  return RandomForest.fromJSON(json, file, { features: FLOW_FEATURES, classes: CLASS_NAMES });
}

export function writeForest(dir: string, forest: RandomForest): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, MODEL_FILE);
  // One tree per line: diffs between retrainings stay readable and the file stays compact.
  const j = forest.toJSON();
  const { trees, ...head } = j;
  const body = trees.map((t) => JSON.stringify(t)).join(',\n');
  writeFileSync(file, `${JSON.stringify(head).slice(0, -1)},"trees":[\n${body}\n]}\n`);
  return file;
}
