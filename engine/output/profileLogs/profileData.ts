// `<profile ip>/ProfileData.txt` (0.7.1 layout, 5.4): the profiled IP and what was learnt about the host.
// Written at the end so it holds everything learnt during the run (upstream wrote it once, early, and
// so usually empty).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Profile, TimeWindow } from '../../profiler/types';
import type { OutputSink } from '../sink';
import type { ProfileDirs } from './profileDirs';

function renderProfileData(profile: Profile): string {
  let text = `Profiled IP: ${profile.ip}\nInfo: \n`;
  for (const [k, v] of profile.info) text += `\t${k} ${v}\n`;
  return text;
}

export class ProfileDataSink implements OutputSink {
  private readonly profiles = new Map<string, Profile>();

  constructor(private readonly dirs: ProfileDirs) {}

  onWindowClosed(_tw: TimeWindow, profile: Profile): void {
    this.profiles.set(profile.ip, profile);
  }

  async close(): Promise<void> {
    for (const p of this.profiles.values())
      writeFileSync(join(this.dirs.dir(p.ip), 'ProfileData.txt'), renderProfileData(p));
  }
}
