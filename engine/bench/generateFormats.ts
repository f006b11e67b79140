// The same replayed flows as the generated Zeek TSV conn.log (generateConnLog.ts), written as a Zeek
// JSON conn.log, an Argus binetflow and a Suricata eve.json of flow events, so each reader is measured
// on the same traffic and the formats' figures compare. Each line is converted as its producer would
// have written it: Zeek JSON omits unset fields, Argus has its date format and state strings,
// Suricata has ISO timestamps with an offset and its own flow states.
import { createReadStream, createWriteStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { FIELDS } from './generateConnLog';

export type BenchFormat = 'zeek-json' | 'binetflow' | 'suricata';

/** Zeek states in which the handshake completed (the profiler's "Established" for Zeek). */
const ZEEK_ESTABLISHED = new Set(['SF', 'S1', 'S2', 'S3', 'RSTO', 'RSTR']);

const NUMERIC = new Set([
  'id.orig_p',
  'id.resp_p',
  'duration',
  'orig_bytes',
  'resp_bytes',
  'missed_bytes',
  'orig_pkts',
  'orig_ip_bytes',
  'resp_pkts',
  'resp_ip_bytes',
]);

/** Writes `out` in `format` from the TSV conn.log `tsv` (reused when already written from it). */
export async function generateFormat(tsv: string, out: string, format: BenchFormat): Promise<string> {
  const marker = `${out}.from`;
  const version = `${tsv} ${readFileSync(`${tsv}.lines`, 'utf8')} v2`;
  if (existsSync(out) && existsSync(marker) && readFileSync(marker, 'utf8') === version) return out;
  const w = createWriteStream(out);
  const write = (s: string) =>
    w.write(s) ? Promise.resolve() : new Promise<void>((r) => w.once('drain', () => r()));
  if (format === 'binetflow')
    await write(
      'StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,TotPkts,TotBytes,SrcBytes,Label\n',
    );
  let fields: string[] = [];
  let chunk = '';
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(tsv), crlfDelay: Infinity })) {
    if (line.startsWith('#fields')) fields = line.split('\t').slice(1);
    if (line.startsWith('#') || !line) continue;
    const row = line.split('\t');
    const get = (name: string) => {
      const v = row[fields.indexOf(name)];
      return v === undefined || v === '-' || v === '(empty)' ? undefined : v;
    };
    chunk += convert(format, get, n++) + '\n';
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((r) => w.end(r));
  writeFileSync(marker, version);
  return out;
}

type Get = (name: string) => string | undefined;

function convert(format: BenchFormat, get: Get, n: number): string {
  if (format === 'zeek-json') return zeekJson(get);
  if (format === 'binetflow') return binetflow(get);
  return eveFlow(get, n);
}

function zeekJson(get: Get): string {
  const o: Record<string, string | number | boolean | string[]> = {};
  for (const f of FIELDS) {
    const v = get(f);
    if (v === undefined) continue;
    if (f === 'ts' || NUMERIC.has(f)) o[f] = Number(v);
    else if (f === 'local_orig' || f === 'local_resp') o[f] = v === 'T';
    else if (f === 'tunnel_parents') o[f] = v.split(',');
    else o[f] = v;
  }
  return JSON.stringify(o);
}

const num = (v: string | undefined) => (v === undefined ? 0 : Number(v) || 0);

function binetflow(get: Get): string {
  const ts = num(get('ts'));
  const proto = get('proto') ?? 'tcp';
  const answered = num(get('resp_pkts')) > 0;
  const state = argusState(proto, get('conn_state') ?? '', answered);
  const pkts = num(get('orig_pkts')) + num(get('resp_pkts'));
  const bytes = num(get('orig_ip_bytes')) + num(get('resp_ip_bytes'));
  return [
    argusTime(ts),
    num(get('duration')).toFixed(6),
    proto,
    get('id.orig_h'),
    get('id.orig_p'),
    '   ->',
    get('id.resp_h'),
    get('id.resp_p'),
    state,
    '0',
    '0',
    pkts,
    bytes,
    num(get('orig_ip_bytes')),
    'flow=Background',
  ].join(',');
}

function argusState(proto: string, zeek: string, answered: boolean): string {
  if (proto === 'tcp') {
    if (ZEEK_ESTABLISHED.has(zeek)) return 'FSPA_FSPA';
    return zeek === 'REJ' ? 'S_RA' : 'S_';
  }
  if (proto === 'udp') return answered ? 'CON' : 'INT';
  return answered ? 'ECO' : 'INT';
}

/** Argus' `2013/10/21 13:22:59.340835` (UTC here). */
function argusTime(ts: number): string {
  const d = new Date(Math.floor(ts * 1000));
  const p = (x: number) => String(x).padStart(2, '0');
  const micros = String(Math.round((ts % 1) * 1e6) % 1e6).padStart(6, '0');
  return (
    `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${micros}`
  );
}

/** Suricata's `2021-06-06T15:57:37.272281+0000`. */
function eveTime(ts: number): string {
  const micros = String(Math.round((ts % 1) * 1e6) % 1e6).padStart(6, '0');
  return `${new Date(Math.floor(ts) * 1000).toISOString().slice(0, 19)}.${micros}+0000`;
}

function eveFlow(get: Get, n: number): string {
  const ts = num(get('ts'));
  const dur = num(get('duration'));
  const proto = (get('proto') ?? 'tcp').toUpperCase();
  const established =
    proto === 'TCP' ? ZEEK_ESTABLISHED.has(get('conn_state') ?? '') : num(get('resp_pkts')) > 0;
  const event: Record<string, unknown> = {
    timestamp: eveTime(ts + dur),
    flow_id: 1_000_000_000_000 + n,
    event_type: 'flow',
    src_ip: get('id.orig_h'),
    src_port: num(get('id.orig_p')),
    dest_ip: get('id.resp_h'),
    dest_port: num(get('id.resp_p')),
    proto,
  };
  const service = get('service');
  if (service) event.app_proto = service;
  event.flow = {
    pkts_toserver: num(get('orig_pkts')),
    pkts_toclient: num(get('resp_pkts')),
    bytes_toserver: num(get('orig_ip_bytes')),
    bytes_toclient: num(get('resp_ip_bytes')),
    start: eveTime(ts),
    end: eveTime(ts + dur),
    age: Math.round(dur),
    state: established ? 'established' : 'closed',
    reason: 'timeout',
    alerted: false,
  };
  return JSON.stringify(event);
}
