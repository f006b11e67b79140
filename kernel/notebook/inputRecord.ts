// What a notebook records about a load: the input's path (relative to the notebook, so the notebook and
// its capture can move together) and one sha256 for it, and the configuration it was analysed with.
import { createHash } from 'node:crypto';
import { relative, sep } from 'node:path';
import { configToYaml } from '../../engine/config/config';
import { hashInput } from '../../engine/output/metadata/inputHash';
import type { Loaded } from '../session/session';
import type { ConfigRecord, InputRecord } from './format';

export async function inputRecord(loaded: Loaded, notebookDir: string): Promise<InputRecord> {
  const path = relative(notebookDir, loaded.input).split(sep).join('/') || '.';
  const h = await hashInput(loaded.input);
  let sha256 = '';
  if (h && 'sha256' in h) sha256 = h.sha256;
  else if (h)
    sha256 = createHash('sha256')
      .update(
        Object.entries(h.files)
          .map(([rel, f]) => `${f.sha256}  ${rel}\n`)
          .join(''),
      )
      .digest('hex');
  return { path, sha256 };
}

export function configRecord(loaded: Loaded): ConfigRecord {
  const c = loaded.config;
  return {
    timeWindowWidth: c.timeWindowWidth,
    analysisDirection: c.analysisDirection,
    disabledModules: [...c.disabledModules],
    disabledDetections: [...c.disabledDetections],
    sha256: createHash('sha256').update(configToYaml(c)).digest('hex'),
  };
}
