// The per-flow features of upstream's flow classifier (slips-behaviour.md 4.1.5 / 4.2.5): nine numbers
// per connection, encoded as upstream encodes them, and the label normalisation of its train mode.
import type { ConnRecord } from '../../flow';
import { interpretState } from '../../profiler/state';

/** Names in upstream's column order; the model file repeats them so a reordered model is refused. */
export const FLOW_FEATURES = [
  'proto',
  'dport',
  'sport',
  'dur',
  'pkts',
  'spkts',
  'allbytes',
  'sbytes',
  'state',
] as const;

export const FEATURE_COUNT = FLOW_FEATURES.length;

/**
 * Upstream's protocol codes. Only TCP and UDP flows are classified: upstream drops ARP, ICMP,
 * ICMPv6 and IGMP flows (they have no ports), and any other protocol has no code it could encode.
 */
const PROTO_CODE: Record<string, number> = { tcp: 0, udp: 1 };

export type Label = 0 | 1;
export const NORMAL: Label = 0;
export const MALWARE: Label = 1;
export const CLASS_NAMES = ['Normal', 'Malware'] as const;

/** The nine features of a connection, or undefined for a flow the classifier does not judge. */
export function flowFeatures(rec: ConnRecord): Float64Array | undefined {
  const proto = PROTO_CODE[rec.proto];
  if (proto === undefined) return undefined;
  const pkts = rec.spkts + rec.dpkts;
  // Upstream maps the interpreted state: "Established" → 1, "Not Established" → 0.
  const state = interpretState(rec.state, pkts, rec.source) === 'Established' ? 1 : 0;
  const f = new Float64Array(FEATURE_COUNT);
  f[0] = proto;
  f[1] = rec.dport;
  f[2] = rec.sport;
  f[3] = finite(rec.dur);
  f[4] = pkts;
  f[5] = rec.spkts;
  f[6] = rec.sbytes + rec.dbytes;
  f[7] = rec.sbytes;
  f[8] = state;
  return f;
}

function finite(x: number): number {
  return Number.isFinite(x) ? x : 0;
}

/**
 * Upstream folds labels into Normal / Malware by substring (`…ormal…` → Normal, `…alware…` and
 * `…alicious…` → Malware). Stratosphere's labelled captures also use Benign (normal) and Botnet
 * (malware); Background and Unknown flows have no ground truth and give undefined (not learnt from).
 */
export function normaliseLabel(label: string | undefined): Label | undefined {
  if (!label) return undefined;
  const l = label.toLowerCase();
  if (l.includes('malicious') || l.includes('malware') || l.includes('botnet')) return MALWARE;
  if (l.includes('normal') || l.includes('benign')) return NORMAL;
  return undefined;
}
