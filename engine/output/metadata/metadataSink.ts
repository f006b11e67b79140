// metadata/ (newest layout, 5.4): the effective config as slips.yaml, a copy of the config file given,
// and info.json saying what was analysed (path, sha256), by which engine, when, and with what command.
// The input is hashed while the analysis runs; close() waits for it.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ENGINE_VERSION } from '../../version';
import { isoClock } from '../format/time';
import type { OutputSink } from '../sink';
import { hashInput, type InputHash } from './inputHash';

export interface MetadataOptions {
  /** configToYaml of the effective config. */
  configYaml: string;
  /** The config file the user gave, copied as it is. */
  configPath?: string;
  inputPath: string;
  clock: () => Date;
  argv?: readonly string[];
}

/** Name of the copied config: prefixed so it never overwrites the effective slips.yaml. */
function originalConfigName(configPath: string): string {
  return `original-${basename(configPath)}`;
}

export class MetadataSink implements OutputSink {
  private readonly started: string;
  private readonly hash: Promise<InputHash | undefined | { error: string }>;

  constructor(
    private readonly dir: string,
    private readonly opts: MetadataOptions,
  ) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'slips.yaml'), opts.configYaml);
    if (opts.configPath) copyFileSync(opts.configPath, join(dir, originalConfigName(opts.configPath)));
    this.started = isoClock(opts.clock());
    this.hash = hashInput(opts.inputPath).catch((err: Error) => ({
      error: `could not hash the input: ${err.message}`,
    }));
  }

  async close(): Promise<void> {
    const hash = await this.hash;
    const info = {
      engine: 'slips-notebooks',
      engine_version: ENGINE_VERSION,
      input: {
        path: this.opts.inputPath,
        absolute_path: this.opts.inputPath === '-' ? '-' : resolve(this.opts.inputPath),
        ...(hash ?? { sha256: null }),
      },
      config_file: this.opts.configPath ?? null,
      command_line: this.opts.argv ? [...this.opts.argv] : null,
      start_time: this.started,
      end_time: isoClock(this.opts.clock()),
    };
    writeFileSync(join(this.dir, 'info.json'), JSON.stringify(info, null, 2) + '\n');
  }
}
