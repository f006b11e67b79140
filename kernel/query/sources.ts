// The frame behind each query source of a loaded session. Built on first use and kept with the load,
// so the second query over a million flows pays nothing for columns derived once (bytes, pkts, tw).
import type { FlowRecord } from '../../engine/flow';
import type { Alert, Evidence } from '../../engine/evidence/types';
import type { Profile, TimeWindow } from '../../engine/profiler/types';
import type { ColumnType, Value } from '../protocol';
import type { Loaded } from '../session/session';
import { SessionSink, type OtherKind } from '../session/sessionSink';
import { TimeWindowGrid } from '../../engine/profiler/timeWindows';
import { CONN_NUMBERS, CONN_STRINGS, type ConnTable } from '../session/connTable';
import type { SourceName } from '../lang/vocabulary';
import { objectFrame, type Column, type Frame } from './frame';
import { RECORD_FIELDS, RECORD_SHOWN } from './recordFields';

const cache = new WeakMap<Loaded, Map<SourceName, Frame>>();

export function sourceFrame(loaded: Loaded, source: SourceName): Frame {
  let frames = cache.get(loaded);
  if (!frames) {
    frames = new Map();
    cache.set(loaded, frames);
  }
  let f = frames.get(source);
  if (!f) {
    f = buildFrame(loaded, source);
    frames.set(source, f);
  }
  return f;
}

function buildFrame(loaded: Loaded, source: SourceName): Frame {
  switch (source) {
    case 'flows':
    case 'conn':
      return connFrame(loaded);
    case 'profiles':
      return profilesFrame([...loaded.store.profiles()]);
    case 'timewindows':
      return windowsFrame(windowsOf(loaded));
    case 'evidence':
      return evidenceFrame(loaded.sink.evidenceList);
    case 'alerts':
      return alertsFrame(loaded.sink.alertList);
    default:
      return recordFrame(source, loaded.sink.others.get(source) ?? []);
  }
}

const CONN_SHOWN = [
  'ts',
  'uid',
  'saddr',
  'sport',
  'daddr',
  'dport',
  'proto',
  'state',
  'dur',
  'sbytes',
  'dbytes',
  'appproto',
];

/** Connections straight from the columnar table, plus totals and the time window of each flow. */
export function connFrame(loaded: Pick<Loaded, 'sink' | 'grid'>): Frame {
  const t: ConnTable = loaded.sink.conn;
  const n = t.length;
  const columns: Column[] = [];
  for (const k of CONN_NUMBERS) {
    if (k === 'line') continue;
    columns.push({
      kind: 'num',
      name: k,
      type: k === 'ts' ? 'time' : 'number',
      data: t.num[k].subarray(0, n),
    });
  }
  for (const k of Object.keys(CONN_STRINGS) as (keyof typeof CONN_STRINGS)[])
    columns.push({
      kind: 'code',
      name: k,
      type: 'string',
      codes: t.codes[k].subarray(0, n),
      pool: t.pools[CONN_STRINGS[k]],
    });
  columns.push({ kind: 'num', name: 'line', type: 'number', data: t.num.line.subarray(0, n) });
  columns.push({ kind: 'computed', name: 'uid', type: 'string', at: (r) => t.uid[r]! });
  const bytes = new Float64Array(n);
  const pkts = new Float64Array(n);
  const tw = new Int32Array(n);
  const { sbytes, dbytes, spkts, dpkts, ts } = t.num;
  const grid = loaded.grid;
  const origin = grid.origin ?? 0;
  for (let r = 0; r < n; r++) {
    bytes[r] = sbytes[r]! + dbytes[r]!;
    pkts[r] = spkts[r]! + dpkts[r]!;
    tw[r] = Math.floor((ts[r]! - origin) / grid.width) + 1;
  }
  columns.push({ kind: 'num', name: 'bytes', type: 'number', data: bytes });
  columns.push({ kind: 'num', name: 'pkts', type: 'number', data: pkts });
  columns.push({ kind: 'num', name: 'tw', type: 'number', data: tw });
  return { title: 'flows', length: n, columns, shown: CONN_SHOWN };
}

function recordFrame(kind: OtherKind, records: readonly FlowRecord[]): Frame {
  const fields = RECORD_FIELDS[kind] as readonly (readonly [string, ColumnType])[];
  return objectFrame(
    kind,
    records,
    fields.map(([name, type]) => ({
      name,
      type,
      get: (r: FlowRecord) => {
        const v = (r as unknown as Record<string, unknown>)[name];
        return v === undefined ? null : (v as Value);
      },
    })),
    RECORD_SHOWN[kind],
  );
}

interface WindowOf {
  profile: Profile;
  tw: TimeWindow;
}

function profilesFrame(profiles: readonly Profile[]): Frame {
  const sum = (p: Profile, f: (tw: TimeWindow) => number) => {
    let s = 0;
    for (const tw of p.windows.values()) s += f(tw);
    return s;
  };
  const info = (k: string) => (p: Profile) => p.info.get(k) ?? '';
  return objectFrame(
    'profiles',
    profiles,
    [
      { name: 'ip', type: 'string', get: (p) => p.ip },
      { name: 'firstSeen', type: 'time', get: (p) => p.firstSeen },
      { name: 'windows', type: 'number', get: (p) => p.windows.size },
      { name: 'flows', type: 'number', get: (p) => sum(p, (tw) => tw.summary.flows) },
      { name: 'records', type: 'number', get: (p) => sum(p, (tw) => tw.summary.records) },
      { name: 'pkts', type: 'number', get: (p) => sum(p, (tw) => tw.summary.pkts) },
      { name: 'bytes', type: 'number', get: (p) => sum(p, (tw) => tw.summary.bytes) },
      { name: 'evidence', type: 'number', get: (p) => sum(p, (tw) => tw.summary.evidence) },
      { name: 'alerts', type: 'number', get: (p) => sum(p, (tw) => tw.summary.alerts) },
      { name: 'mac', type: 'string', get: info('MAC') },
      { name: 'macVendor', type: 'string', get: info('MAC_vendor') },
      // Offline enrichment (engine/enrich/geo): upstream's geocountry (Private/Unknown) and AS.
      { name: 'country', type: 'string', get: info('geocountry') },
      { name: 'asn', type: 'string', get: info('asn') },
      { name: 'asOrg', type: 'string', get: info('asn_org') },
      { name: 'hostName', type: 'string', get: info('host_name') },
      { name: 'userAgent', type: 'string', get: info('first user-agent') },
      { name: 'software', type: 'string', get: info('used_software') },
    ],
    ['ip', 'firstSeen', 'windows', 'flows', 'records', 'bytes', 'evidence', 'alerts', 'country', 'asn'],
  );
}

function windowsOf(loaded: Loaded): WindowOf[] {
  const rows: WindowOf[] = [];
  for (const profile of loaded.store.profiles()) {
    const tws = [...profile.windows.values()].sort((a, b) => a.number - b.number);
    for (const tw of tws) rows.push({ profile, tw });
  }
  return rows;
}

function windowsFrame(rows: readonly WindowOf[]): Frame {
  const s = (f: (w: TimeWindow['summary']) => number) => (x: WindowOf) => f(x.tw.summary);
  return objectFrame(
    'timewindows',
    rows,
    [
      { name: 'ip', type: 'string', get: (x) => x.profile.ip },
      { name: 'tw', type: 'number', get: (x) => x.tw.number },
      { name: 'start', type: 'time', get: (x) => x.tw.start },
      { name: 'end', type: 'time', get: (x) => x.tw.end },
      { name: 'flows', type: 'number', get: s((w) => w.flows) },
      { name: 'records', type: 'number', get: s((w) => w.records) },
      { name: 'pkts', type: 'number', get: s((w) => w.pkts) },
      { name: 'bytes', type: 'number', get: s((w) => w.bytes) },
      { name: 'peers', type: 'number', get: s((w) => w.distinctPeers) },
      { name: 'dstPorts', type: 'number', get: s((w) => w.distinctDstPorts) },
      { name: 'evidence', type: 'number', get: s((w) => w.evidence) },
      { name: 'alerts', type: 'number', get: s((w) => w.alerts) },
    ],
    ['ip', 'tw', 'start', 'end', 'flows', 'records', 'bytes', 'peers', 'dstPorts', 'evidence', 'alerts'],
  );
}

export function evidenceFrame(list: readonly Evidence[]): Frame {
  return objectFrame(
    'evidence',
    list,
    [
      { name: 'id', type: 'string', get: (e) => e.id },
      { name: 'ts', type: 'time', get: (e) => e.timestamp },
      { name: 'type', type: 'string', get: (e) => e.evidenceType },
      { name: 'attacker', type: 'string', get: (e) => e.attacker.value },
      { name: 'victim', type: 'string', get: (e) => e.victim?.value ?? '' },
      { name: 'profile', type: 'string', get: (e) => e.profile.slice('profile_'.length) },
      { name: 'tw', type: 'number', get: (e) => e.timewindow.number },
      { name: 'threatLevel', type: 'string', get: (e) => e.threatLevel },
      { name: 'confidence', type: 'number', get: (e) => e.confidence },
      { name: 'proto', type: 'string', get: (e) => e.proto },
      { name: 'sport', type: 'number', get: (e) => e.srcPort ?? null },
      { name: 'dport', type: 'number', get: (e) => e.dstPort ?? null },
      { name: 'module', type: 'string', get: (e) => e.module },
      { name: 'method', type: 'string', get: (e) => e.method },
      { name: 'uids', type: 'number', get: (e) => e.uids.length },
      { name: 'description', type: 'string', get: (e) => e.description },
    ],
    ['ts', 'id', 'type', 'profile', 'tw', 'threatLevel', 'confidence', 'description'],
  );
}

export function alertsFrame(list: readonly Alert[]): Frame {
  return objectFrame(
    'alerts',
    list,
    [
      { name: 'id', type: 'string', get: (a) => a.id },
      { name: 'ip', type: 'string', get: (a) => a.ip },
      { name: 'tw', type: 'number', get: (a) => a.timewindow.number },
      { name: 'start', type: 'time', get: (a) => a.timewindow.start },
      { name: 'end', type: 'time', get: (a) => a.timewindow.end },
      { name: 'accumulatedThreatLevel', type: 'number', get: (a) => a.accumulatedThreatLevel },
      { name: 'threatLevel', type: 'string', get: (a) => a.threatLevel },
      { name: 'confidence', type: 'number', get: (a) => a.confidence },
      { name: 'evidence', type: 'number', get: (a) => a.correlIds.length },
      { name: 'lastType', type: 'string', get: (a) => a.lastEvidence.evidenceType },
      { name: 'lastFlowTime', type: 'time', get: (a) => a.lastFlowTime },
      { name: 'blocked', type: 'bool', get: (a) => a.blocked },
    ],
    ['id', 'ip', 'tw', 'start', 'accumulatedThreatLevel', 'threatLevel', 'evidence', 'lastType'],
  );
}

const fieldCache = new Map<SourceName, readonly string[]>();

/** The field names of a source, without a loaded session (editor completion and diagnostics). */
export function sourceFields(source: SourceName): readonly string[] {
  let names = fieldCache.get(source);
  if (names) return names;
  let frame: Frame;
  switch (source) {
    case 'flows':
    case 'conn':
      frame = connFrame({ sink: new SessionSink(), grid: new TimeWindowGrid(3600) });
      break;
    case 'profiles':
      frame = profilesFrame([]);
      break;
    case 'timewindows':
      frame = windowsFrame([]);
      break;
    case 'evidence':
      frame = evidenceFrame([]);
      break;
    case 'alerts':
      frame = alertsFrame([]);
      break;
    default:
      frame = recordFrame(source, []);
  }
  names = frame.columns.map((c) => c.name);
  fieldCache.set(source, names);
  return names;
}
