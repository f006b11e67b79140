// tfjs has no file:// handler without tfjs-node: this IOHandler writes and reads the standard
// `model.json` + `weights.bin` pair (toolchain.md (1)), which the engine's forward pass also reads.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { io } from '@tensorflow/tfjs-core';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

export function folderHandler(dir: string): io.IOHandler {
  return {
    async save(art: io.ModelArtifacts): Promise<io.SaveResult> {
      mkdirSync(dir, { recursive: true });
      const data = art.weightData as ArrayBuffer;
      writeFileSync(join(dir, WEIGHTS_BIN), Buffer.from(data));
      const json = {
        modelTopology: art.modelTopology,
        format: art.format,
        generatedBy: art.generatedBy,
        convertedBy: art.convertedBy,
        weightsManifest: [{ paths: [WEIGHTS_BIN], weights: art.weightSpecs }],
      };
      writeFileSync(join(dir, MODEL_JSON), JSON.stringify(json, null, 1) + '\n');
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(0),
          modelTopologyType: 'JSON',
          weightDataBytes: data.byteLength,
        },
      };
    },
    async load(): Promise<io.ModelArtifacts> {
      const j = JSON.parse(readFileSync(join(dir, MODEL_JSON), 'utf8'));
      const b = readFileSync(join(dir, WEIGHTS_BIN));
      return {
        modelTopology: j.modelTopology,
        format: j.format,
        generatedBy: j.generatedBy,
        convertedBy: j.convertedBy,
        weightSpecs: j.weightsManifest[0].weights,
        weightData: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength),
      };
    },
  };
}
