// The per-profile folders of the 0.7.1 layout (`<output>/<profile ip>/`), created on first use.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { portableName } from '../format/paths';

export class ProfileDirs {
  private readonly made = new Set<string>();

  constructor(readonly root: string) {}

  dir(ip: string): string {
    const d = join(this.root, portableName(ip));
    if (!this.made.has(d)) {
      mkdirSync(d, { recursive: true });
      this.made.add(d);
    }
    return d;
  }
}
