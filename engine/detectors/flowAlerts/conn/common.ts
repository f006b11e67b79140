// What the connection detections share: the module name, the parties of a flow, and linked pairs of
// evidence (upstream raises one with the source as attacker and one with the destination as attacker).
import type { Evidence } from '../../../evidence/types';
import { ipParty } from '../../makeEvidence';

/** Upstream module name, as in `modules.disable`. */
export const FLOW_ALERTS = 'flow_alerts';

export const srcParty = (ip: string) => ipParty(ip, 'SRC');
export const dstParty = (ip: string) => ipParty(ip, 'DST');

/** Links two evidence about the same event through their (deterministic) ids. */
export function link(a: Evidence, b: Evidence): [Evidence, Evidence] {
  a.relIds = [b.id];
  b.relIds = [a.id];
  return [a, b];
}

export { pyFloat } from '../../pyFloat';

/** Zeek `service` may list several analyzers (`ssl,quic`); Suricata writes one `app_proto`. */
export function hasService(appproto: string, names: readonly string[]): boolean {
  if (!appproto) return false;
  const l = appproto.toLowerCase();
  if (!l.includes(',')) return names.includes(l);
  return l.split(',').some((s) => names.includes(s.trim()));
}
