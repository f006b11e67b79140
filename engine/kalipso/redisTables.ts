// The hotkey views' tables of one window from what Redis holds for it: the `<profileid>_<twid>` hash
// fields of 3.3 (`SrcPortsClientTCPEstablished`, `DstIPsClient…`, `DstPortsServer…`, `DstPortsClient…`)
// and the tuples hashes. The same tables as windowTables.ts builds in process, sorted the same way;
// a tuple's flow count is its number of letters (one per flow, 3.4), as Redis keeps no more of it.
import type { TimelineEntry } from '../output/timeline/activity';
import type { CountRow, PortIpRow, SplitTable, TupleRow, WindowTables } from './source';
import { byBytes, peerNames, tuplePeer } from './windowTables';

const FIELD = /^(SrcPorts|DstIPs|DstPorts)(Client|Server)(TCP|UDP)(Established|NotEstablished)$/;
const LETTER = /[1-9a-iA-Ir-zR-Z]/g;

interface Totals {
  totalflows?: unknown;
  totalpkt?: unknown;
  totalbytes?: unknown;
  dstips?: unknown;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function parse(value: string): Record<string, Totals> {
  try {
    const o = JSON.parse(value) as unknown;
    return typeof o === 'object' && o !== null ? (o as Record<string, Totals>) : {};
  } catch {
    return {};
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Group {
  proto: string;
  established: boolean;
  rows: Record<string, Totals>;
}

function countTable(groups: Group[]): SplitTable<CountRow> {
  const out: SplitTable<CountRow> = { established: [], notEstablished: [] };
  for (const g of groups)
    for (const [key, t] of Object.entries(g.rows))
      (g.established ? out.established : out.notEstablished).push({
        proto: g.proto,
        key,
        flows: num(t.totalflows),
        pkts: num(t.totalpkt),
        bytes: num(t.totalbytes),
      });
  out.established.sort(byBytes);
  out.notEstablished.sort(byBytes);
  return out;
}

function portIpTable(groups: Group[]): SplitTable<PortIpRow> {
  const out: SplitTable<PortIpRow> = { established: [], notEstablished: [] };
  for (const g of groups) {
    const ports = Object.entries(g.rows).sort(
      ([pa, a], [pb, b]) => num(b.totalbytes) - num(a.totalbytes) || Number(pa) - Number(pb),
    );
    for (const [port, t] of ports) {
      const ips = Object.entries((t.dstips ?? {}) as Record<string, unknown>)
        .map(([ip, p]) => [ip, num(p)] as const)
        .sort(([ia, a], [ib, b]) => b - a || compare(ia, ib));
      for (const [ip, pkts] of ips)
        (g.established ? out.established : out.notEstablished).push({ proto: g.proto, port, ip, pkts });
    }
  }
  return out;
}

function tupleRows(hash: Record<string, string>, names: ReturnType<typeof peerNames>): TupleRow[] {
  return Object.entries(hash)
    .map(([key, letters]) => {
      const peer = tuplePeer(key);
      return {
        key,
        letters,
        flows: letters.match(LETTER)?.length ?? 0,
        dns: names.dns.get(peer) ?? '',
        sni: names.sni.get(peer) ?? '',
      };
    })
    .sort((a, b) => b.flows - a.flows || compare(a.key, b.key));
}

/** `fields` is the window hash, `out`/`inT` its tuples hashes, `entries` its timeline (for DNS names). */
export function redisWindowTables(
  fields: Record<string, string>,
  out: Record<string, string>,
  inT: Record<string, string>,
  entries: readonly TimelineEntry[],
): WindowTables {
  const groups = new Map<string, Group[]>();
  // TCP before UDP, established before not, as windowTables.ts walks the features.
  for (const proto of ['TCP', 'UDP'])
    for (const state of ['Established', 'NotEstablished'])
      for (const [name, value] of Object.entries(fields)) {
        const m = FIELD.exec(name);
        if (!m || m[3] !== proto || m[4] !== state) continue;
        const k = `${m[1]}${m[2]}`;
        if (!groups.has(k)) groups.set(k, []);
        groups.get(k)!.push({ proto, established: state === 'Established', rows: parse(value) });
      }
  const g = (k: string) => groups.get(k) ?? [];
  const names = peerNames(entries, []);
  return {
    srcPortsClient: countTable(g('SrcPortsClient')),
    dstIpsClient: countTable(g('DstIPsClient')),
    dstPortsServer: countTable(g('DstPortsServer')),
    dstPortsClient: countTable(g('DstPortsClient')),
    dstPortsClientIps: portIpTable(g('DstPortsClient')),
    outTuples: tupleRows(out, names),
    inTuples: tupleRows(inT, names),
  };
}
