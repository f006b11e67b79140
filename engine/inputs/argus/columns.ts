// Which column of a binetflow line holds which flow field, from its header line (slips-behaviour.md 2.3).
// Built once per header so the per-line loop only indexes arrays.

export type ArgusField =
  | 'starttime'
  | 'endtime'
  | 'dur'
  | 'proto'
  | 'appproto'
  | 'saddr'
  | 'sport'
  | 'dir'
  | 'daddr'
  | 'dport'
  | 'state'
  | 'pkts'
  | 'bytes'
  | 'sbytes'
  | 'dbytes'
  | 'spkts'
  | 'dpkts'
  | 'label';

/** Column index of each field, -1 when the header has no such column. */
export type ColumnIndex = Record<ArgusField, number>;

export interface ArgusColumns {
  sep: ',' | '\t';
  /** Fields a data line must have; 0 for the header-less layout, which accepts any count that covers the basics. */
  count: number;
  /** Header names by index, for problem reports. */
  names: string[];
  idx: ColumnIndex;
  /** Line of the header, 0 for the header-less layout. */
  headerLine: number;
}

/** Argus' own column titles (`ra -s ...` with Slips' rarc), lower-cased. */
const EXACT: Readonly<Record<string, ArgusField>> = {
  starttime: 'starttime',
  endtime: 'endtime',
  lasttime: 'endtime',
  dur: 'dur',
  proto: 'proto',
  appproto: 'appproto',
  srcaddr: 'saddr',
  sport: 'sport',
  dir: 'dir',
  dstaddr: 'daddr',
  dport: 'dport',
  state: 'state',
  totpkts: 'pkts',
  totbytes: 'bytes',
  srcbytes: 'sbytes',
  dstbytes: 'dbytes',
  srcpkts: 'spkts',
  dstpkts: 'dpkts',
  label: 'label',
};

/**
 * Upstream's case-insensitive substring rules, used only for titles that are not Argus' own.
 * Upstream lists `time` before `endtime`, so an `EndTime` column became the start time (quirk Q18);
 * the end-time rules come first here.
 */
const SUBSTRING: readonly (readonly [string, ArgusField])[] = [
  ['endtime', 'endtime'],
  ['lasttime', 'endtime'],
  ['time', 'starttime'],
  ['appproto', 'appproto'],
  ['dur', 'dur'],
  ['proto', 'proto'],
  ['srca', 'saddr'],
  ['sport', 'sport'],
  ['dir', 'dir'],
  ['dsta', 'daddr'],
  ['dport', 'dport'],
  ['state', 'state'],
  ['totpkts', 'pkts'],
  ['totbytes', 'bytes'],
  ['srcbytes', 'sbytes'],
  ['dstbytes', 'dbytes'],
  ['srcpkts', 'spkts'],
  ['dstpkts', 'dpkts'],
  ['label', 'label'],
];

function emptyIndex(): ColumnIndex {
  return {
    starttime: -1,
    endtime: -1,
    dur: -1,
    proto: -1,
    appproto: -1,
    saddr: -1,
    sport: -1,
    dir: -1,
    daddr: -1,
    dport: -1,
    state: -1,
    pkts: -1,
    bytes: -1,
    sbytes: -1,
    dbytes: -1,
    spkts: -1,
    dpkts: -1,
    label: -1,
  };
}

/** Upstream's separator rule: `,` when the line has more than 5 commas, else TAB. */
export function separatorOf(line: string): ',' | '\t' {
  let commas = 0;
  for (let i = line.indexOf(','); i !== -1 && commas <= 5; i = line.indexOf(',', i + 1)) commas++;
  return commas > 5 ? ',' : '\t';
}

/** How many of the header's fields name a known column. */
function mapNames(names: string[], idx: ColumnIndex): number {
  let known = 0;
  const taken = new Set<ArgusField>();
  for (let i = 0; i < names.length; i++) {
    const f = EXACT[names[i]!.trim().toLowerCase()];
    if (f !== undefined && !taken.has(f)) {
      idx[f] = i;
      taken.add(f);
      known++;
    }
  }
  for (let i = 0; i < names.length; i++) {
    const lower = names[i]!.trim().toLowerCase();
    if (EXACT[lower] !== undefined) continue;
    for (const [needle, f] of SUBSTRING) {
      if (lower.includes(needle)) {
        if (!taken.has(f)) {
          idx[f] = i;
          taken.add(f);
          known++;
        }
        break;
      }
    }
  }
  return known;
}

/**
 * The columns a header line defines, or undefined when the line is not a header
 * (fewer than three titles Slips knows: a data line or garbage).
 */
export function headerColumns(line: string, lineNo: number): ArgusColumns | undefined {
  const sep = separatorOf(line);
  const names = line.split(sep);
  const idx = emptyIndex();
  if (mapNames(names, idx) < 3) return undefined;
  return { sep, count: names.length, names: names.map((n) => n.trim()), idx, headerLine: lineNo };
}

/** Upstream's fixed indices for Argus read from stdin without a header (2.3). */
export function headerlessColumns(firstDataLine: string): ArgusColumns {
  const idx = emptyIndex();
  const layout: [ArgusField, number, string][] = [
    ['starttime', 0, 'StartTime'],
    ['dur', 1, 'Dur'],
    ['proto', 2, 'Proto'],
    ['saddr', 3, 'SrcAddr'],
    ['sport', 4, 'Sport'],
    ['dir', 5, 'Dir'],
    ['daddr', 6, 'DstAddr'],
    ['dport', 7, 'Dport'],
    ['state', 8, 'State'],
    ['pkts', 11, 'TotPkts'],
    ['bytes', 12, 'TotBytes'],
    ['sbytes', 13, 'SrcBytes'],
    ['spkts', 14, 'SrcPkts'],
  ];
  const names: string[] = [];
  for (const [f, i, name] of layout) {
    idx[f] = i;
    names[i] = name;
  }
  for (let i = 0; i < names.length; i++) names[i] ??= `column ${i + 1}`;
  return { sep: separatorOf(firstDataLine), count: 0, names, idx, headerLine: 0 };
}

/** Columns a flow cannot be built without, with the titles to name them by in problem reports. */
export const REQUIRED: readonly (readonly [ArgusField, string])[] = [
  ['starttime', 'StartTime'],
  ['proto', 'Proto'],
  ['saddr', 'SrcAddr'],
  ['daddr', 'DstAddr'],
];
