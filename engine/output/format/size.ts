// Human byte sizes as the upstream timeline prints them (4.1.6): two decimals and a b/Kb/Mb/Gb unit.

const KIB = 1024;
const MIB = KIB * 1024;
const GIB = MIB * 1024;

export function humanSize(bytes: number): string {
  if (bytes < KIB) return `${bytes.toFixed(2)}b`;
  if (bytes < MIB) return `${(bytes / KIB).toFixed(2)}Kb`;
  if (bytes < GIB) return `${(bytes / MIB).toFixed(2)}Mb`;
  return `${(bytes / GIB).toFixed(2)}Gb`;
}
