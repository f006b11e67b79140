// Runs detectors again over a loaded session's records: a fresh Engine with the load's configuration
// (window width, direction, whitelist, local network) fed by a replay of the kept records, so the
// evidence comes from the real profiler and detector code, only with the detectors given.
import { Accounting } from '../../engine/inputs/accounting';
import { Engine } from '../../engine/engine';
import type { Detector } from '../../engine/detectors/detector';
import type { Evidence } from '../../engine/evidence/types';
import type { Loaded, LoadControl } from './session';
import { replayReader } from './replay';

export async function rerunDetectors(
  loaded: Loaded,
  detectors: Detector[],
  control: LoadControl = {},
): Promise<Evidence[]> {
  const found: Evidence[] = [];
  // Asked for by name, so a module or evidence type the load disabled runs here all the same.
  const config = { ...loaded.config, disabledModules: [], disabledDetections: [] };
  const engine = new Engine(config, {
    detectors,
    sinks: [{ evidence: (e) => found.push(e), close: async () => undefined }],
    onProgress: control.onProgress,
  });
  await engine.run(replayReader(loaded.sink, loaded.format), new Accounting(), loaded.input, control.signal);
  return found;
}
