// Values as the newest Slips stores them: evidence as its `utils.to_dict(evidence)` JSON, the window hash
// fields of 3.3, the profile hash. What upstream's shapes have no field for rides along under `sn`, so a
// reopened analysis gets back exactly the evidence the run made.
import type { Alert, Evidence, Party } from '../../evidence/types';
import type { Profile, RoleFeatures, TimeWindow, WindowBehaviour } from '../../profiler/types';

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** Upstream's alerts time format `%Y/%m/%d %H:%M:%S.%f%z`, in UTC so the bytes do not depend on the machine. */
export function alertsTime(epoch: number): string {
  let secs = Math.floor(epoch);
  let micros = Math.round((epoch - secs) * 1e6);
  if (micros >= 1_000_000) ((secs += 1), (micros -= 1_000_000));
  const d = new Date(secs * 1000);
  if (Number.isNaN(d.getTime())) return String(epoch);
  return (
    `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(micros, 6)}+0000`
  );
}

function isoTime(epoch: number): string {
  const d = new Date(epoch * 1000);
  return Number.isNaN(d.getTime()) ? String(epoch) : d.toISOString();
}

function partyDict(p: Party, withProfile: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { direction: p.direction, ioc_type: p.iocType, value: p.value };
  if (withProfile) out.profile = p.iocType === 'IP' ? { ip: p.value } : '';
  out.TI = p.ti ?? null;
  out.AS = p.as ?? null;
  out.rDNS = p.rdns ?? null;
  out.SNI = p.sni ?? null;
  out.DNS_resolution = null;
  out.queries = p.dnsNames ?? null;
  out.CNAME = null;
  return out;
}

/** The evidence as upstream's `<profileid>_<twid>_evidence` hash holds it. */
export function evidenceDict(e: Evidence): Record<string, unknown> {
  return {
    evidence_type: e.evidenceType,
    description: e.description,
    interface: 'default',
    attacker: partyDict(e.attacker, true),
    threat_level: e.threatLevel,
    victim: e.victim ? partyDict(e.victim, false) : null,
    profile: { ip: e.profile.slice('profile_'.length) },
    timewindow: {
      number: e.timewindow.number,
      start_time: isoTime(e.timewindow.start),
      end_time: isoTime(e.timewindow.end),
    },
    uid: e.uids,
    timestamp: alertsTime(e.timestamp),
    proto: e.proto || null,
    dst_port: e.dstPort ?? null,
    src_port: e.srcPort ?? null,
    method: e.method,
    id: e.id,
    confidence: e.confidence,
    rel_id: e.relIds,
    evidence_signal: 'PAMP',
    immune_type: null,
    risk_level: null,
    sn: {
      module: e.module,
      facts: e.facts,
      timestamp: e.timestamp,
      timewindow: e.timewindow,
      attacker_hostname: e.attacker.hostname ?? null,
      victim_hostname: e.victim?.hostname ?? null,
    },
  };
}

/** `<profileid>_<twid>` field `alerts`: `{alert id: JSON list of evidence ids}` (upstream stores the list as a JSON string). */
export function alertsField(alerts: readonly Alert[]): string {
  const o: Record<string, string> = {};
  for (const a of alerts) o[a.id] = JSON.stringify(a.correlIds);
  return JSON.stringify(o);
}

/** The fields of the `<profileid>` hash our data has: start, width, and host facts (MAC, host_name, ...). */
export function profileFields(p: Profile, width: number): string[] {
  const f = ['starttime', String(p.firstSeen), 'duration', String(width)];
  for (const [k, v] of p.info) f.push(k, v);
  return f;
}

/** Our window record: bounds, last modification and summary (no upstream field holds them). */
export function windowRecord(tw: TimeWindow): string {
  return JSON.stringify({
    number: tw.number,
    start: tw.start,
    end: tw.end,
    lastModified: tw.lastModified,
    summary: tw.summary,
  });
}

function mapObject<K, V>(m: Map<K, V>, f: (v: V) => unknown): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of m) o[String(k)] = f(v);
  return o;
}

function numbers<K>(m: Map<K, number>): Record<string, number> {
  const o: Record<string, number> = {};
  for (const [k, v] of m) o[String(k)] = v;
  return o;
}

function featureFields(f: RoleFeatures, out: string[]): void {
  const client = f.role === 'Client';
  const suffix = `${f.role}${f.proto}${f.state}`;
  out.push(
    `${client ? 'Dst' : 'Src'}IPs${suffix}`,
    JSON.stringify(
      mapObject(f.peers, (p) => ({
        totalflows: p.flows,
        totalpkt: p.pkts,
        totalbytes: p.bytes,
        dstports: numbers(p.ports),
      })),
    ),
    `DstPorts${suffix}`,
    JSON.stringify(
      mapObject(f.dstPorts, (p) => ({
        totalflows: p.flows,
        totalpkt: p.pkts,
        totalbytes: p.bytes,
        [client ? 'dstips' : 'srcips']: numbers(p.ips),
      })),
    ),
    `SrcPorts${suffix}`,
    JSON.stringify(
      mapObject(f.srcPorts, (p) => ({ totalflows: p.flows, totalpkt: p.pkts, totalbytes: p.bytes })),
    ),
  );
}

/** The `<profileid>_<twid>` hash fields of 3.3 from a window's folded behaviour, as field/value pairs. */
export function windowFeatureFields(b: WindowBehaviour): string[] {
  const out: string[] = [];
  if (b.dstIps.size) out.push('DstIPs', JSON.stringify(numbers(b.dstIps)));
  if (b.srcIps.size) out.push('SrcIPs', JSON.stringify(numbers(b.srcIps)));
  for (const f of b.features.values()) featureFields(f, out);
  return out;
}

/** A tuples hash (`…:OutTuples:symbols`): tuple id → letters. */
export function tupleFields(tuples: WindowBehaviour['outTuples']): string[] {
  const out: string[] = [];
  for (const [id, t] of tuples) out.push(id, t.letters);
  return out;
}
