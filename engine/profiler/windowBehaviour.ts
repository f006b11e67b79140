// A window's features, peers and tuples (slips-behaviour.md 3.3 and 3.4), folded from the window's
// connections when someone asks for them, and brought up to date on each later request.
//
// Why on demand: most windows are never asked (a host seen a few times, an internet scanner), and
// building a dozen Maps per window for every flow as it arrived was most of the profiler's cost, nearly
// all of it garbage collection (measured on the 1M-line bench: reader+profiler 6.3 s → 4.1 s without
// them). Folding in arrival order gives exactly the maps that eager building gave, letters included.
import type { ConnRecord } from '../flow';
import { letterFor } from './letters';
import { interpretState, stateKey } from './state';
import type {
  InterpretedState,
  IpFeature,
  PortFeature,
  Role,
  RoleFeatures,
  TimeWindow,
  Tuple,
  WindowBehaviour,
  WindowTuples,
} from './types';

/** Tuples keep at most this many flow uids each: enough to explain, bounded for floods. */
export const MAX_TUPLE_UIDS = 1000;

/**
 * The behaviour of an open window (or of one being closed, inside onWindowClosed listeners);
 * undefined once the window has closed and dropped its detail.
 */
export function windowBehaviour(tw: TimeWindow): WindowBehaviour | undefined {
  const t = windowTuples(tw);
  if (!t) return undefined;
  const d = tw.detail!;
  const b = (d.behaviour ??= { ...t, folded: 0, features: new Map(), dstIps: new Map(), srcIps: new Map() });
  const flows = d.flows;
  for (let i = b.folded; i < flows.length; i++) foldFeatures(b, tw.profileIp, flows[i]!);
  b.folded = flows.length;
  return b;
}

/**
 * Only the window's tuples (letters), folded apart from the features: the C&C model reads letters of
 * many windows whose features nobody asks for, and the features are most of the folding cost.
 */
export function windowTuples(tw: TimeWindow): WindowTuples | undefined {
  const d = tw.detail;
  if (!d) return undefined;
  const t = (d.tuples ??= { folded: 0, outTuples: new Map(), inTuples: new Map() });
  const flows = d.flows;
  for (let i = t.folded; i < flows.length; i++) {
    const rec = flows[i]!;
    // The profiler put the flow in this window as Client when the profile is its source.
    const client = rec.saddr === tw.profileIp;
    const peer = client ? rec.daddr : rec.saddr;
    addTuple(
      client ? t.outTuples : t.inTuples,
      `${peer}-${rec.dport}-${rec.proto}`,
      rec,
      rec.sbytes + rec.dbytes,
    );
  }
  t.folded = flows.length;
  return t;
}

function foldFeatures(b: WindowBehaviour, profileIp: string, rec: ConnRecord): void {
  const role: Role = rec.saddr === profileIp ? 'Client' : 'Server';
  const peer = role === 'Client' ? rec.daddr : rec.saddr;
  const pkts = rec.spkts + rec.dpkts;
  const bytes = rec.sbytes + rec.dbytes;
  const peers = role === 'Client' ? b.dstIps : b.srcIps;
  peers.set(peer, (peers.get(peer) ?? 0) + 1);
  const state = interpretState(rec.state, pkts, rec.source);
  addFeatures(featuresOf(b, role, rec.proto, state), peer, rec.dport, rec.sport, pkts, bytes);
}

function featuresOf(b: WindowBehaviour, role: Role, proto: string, state: InterpretedState): RoleFeatures {
  const k = featureKey(role, proto, state);
  let f = b.features.get(k.key);
  if (!f) {
    f = { role, proto: k.proto, state: k.state, peers: new Map(), dstPorts: new Map(), srcPorts: new Map() };
    b.features.set(k.key, f);
  }
  return f;
}

interface FeatureKey {
  key: string;
  proto: string;
  state: string;
}

/** Feature keys by role, proto and state, made once: building them per flow was a measurable share of the profiler's allocations. */
const featureKeys = new Map<string, FeatureKey>();

function featureKey(role: Role, proto: string, state: InterpretedState): FeatureKey {
  const id = role + proto + state;
  let k = featureKeys.get(id);
  if (!k) {
    const upper = proto.toUpperCase();
    const sk = stateKey(state);
    k = { key: `${role}|${upper}|${sk}`, proto: upper, state: sk };
    featureKeys.set(id, k);
  }
  return k;
}

function addFeatures(
  f: RoleFeatures,
  peer: string,
  dport: number,
  sport: number,
  pkts: number,
  bytes: number,
): void {
  let pf: IpFeature | undefined = f.peers.get(peer);
  if (!pf) {
    pf = { flows: 0, pkts: 0, bytes: 0, ports: new Map() };
    f.peers.set(peer, pf);
  }
  pf.flows++;
  pf.pkts += pkts;
  pf.bytes += bytes;
  pf.ports.set(dport, (pf.ports.get(dport) ?? 0) + pkts);
  let port: PortFeature | undefined = f.dstPorts.get(dport);
  if (!port) {
    port = { flows: 0, pkts: 0, bytes: 0, ips: new Map() };
    f.dstPorts.set(dport, port);
  }
  port.flows++;
  port.pkts += pkts;
  port.bytes += bytes;
  port.ips.set(peer, (port.ips.get(peer) ?? 0) + pkts);
  const sp = f.srcPorts.get(sport);
  if (sp) {
    sp.flows++;
    sp.pkts += pkts;
    sp.bytes += bytes;
  } else f.srcPorts.set(sport, { flows: 1, pkts, bytes });
}

function addTuple(tuples: Map<string, Tuple>, key: string, rec: ConnRecord, bytes: number): void {
  let t = tuples.get(key);
  if (!t) {
    t = { letters: '', t0: undefined, t1: undefined, flows: 0, uids: [] };
    tuples.set(key, t);
  }
  t.letters += letterFor(t.t0, t.t1, rec.ts, rec.dur, bytes);
  t.t0 = t.t1;
  t.t1 = rec.ts;
  t.flows++;
  if (t.uids.length < MAX_TUPLE_UIDS) t.uids.push(rec.uid);
}
