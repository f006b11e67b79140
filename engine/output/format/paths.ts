// File names made from IPs and timestamps. Upstream uses them as they are (`fe80::1/`,
// `2020-12-18T14:00:05.timewindow1`); Windows forbids `:` in names, so there it becomes `-`.

export function portableName(name: string, platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32' ? name.replace(/:/g, '-') : name;
}
