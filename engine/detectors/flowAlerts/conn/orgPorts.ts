// Ports that are not "unknown" when the destination belongs to the organisation known to use them
// (upstream's slips_files/ports_info/ports_used_by_specific_orgs.csv, in engine/data/). Ranges are
// expanded per port, as upstream stores them, so a lookup is two map reads.
import { readFileSync } from 'node:fs';
import { dataFile } from '../../../data/dataPath';
import { cidrContains, parseCidr, type Cidr } from '../../../net/cidr';

export interface OrgPortRule {
  /** Lower-case organisation names that use the port. */
  orgs: string[];
  /** Addresses and ranges of those organisations for this port (empty when the file gives none). */
  ips: Set<string>;
  ranges: Cidr[];
}

export class OrgPorts {
  private readonly byProto = new Map<string, Map<number, OrgPortRule>>();

  /** Lines are `Organization,IP/IP range,port,protocol`; `#` comments and the quoted header are skipped. */
  constructor(csv: string) {
    for (const raw of csv.split(/\r?\n/)) {
      if (!raw || raw.startsWith('#') || raw.startsWith('"Organization"')) continue;
      const parts = raw.split(',');
      if (parts.length < 4) continue;
      const org = parts[0]!.trim().toLowerCase();
      const ip = parts[1]!.trim().replace(/^"|"$/g, '');
      const ports = portRange(parts[2]!.trim());
      const proto = parts[3]!.trim().toLowerCase();
      if (!ports || !org || !proto) continue;
      const cidr = ip ? parseCidr(ip) : undefined;
      let byPort = this.byProto.get(proto);
      if (!byPort) {
        byPort = new Map();
        this.byProto.set(proto, byPort);
      }
      for (let p = ports[0]; p <= ports[1]; p++) {
        let rule = byPort.get(p);
        if (!rule) {
          rule = { orgs: [], ips: new Set(), ranges: [] };
          byPort.set(p, rule);
        }
        if (!rule.orgs.includes(org)) rule.orgs.push(org);
        if (cidr && ip.includes('/')) rule.ranges.push(cidr);
        else if (cidr) rule.ips.add(ip);
      }
    }
  }

  rule(port: number, proto: string): OrgPortRule | undefined {
    return this.byProto.get(proto)?.get(port);
  }

  /** True when `daddr` is one of the addresses or inside one of the ranges listed for the port. */
  static listsAddress(rule: OrgPortRule, daddr: string): boolean {
    if (rule.ips.has(daddr)) return true;
    for (const r of rule.ranges) if (cidrContains(r, daddr)) return true;
    return false;
  }
}

/** `4244` or `3478-3481` → [first, last]; anything else (upstream has one `478–3497` with an en dash) → undefined. */
function portRange(s: string): [number, number] | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(s);
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  if (a < 0 || b > 65535 || a > b) return undefined;
  return [a, b];
}

let shipped: OrgPorts | undefined;

/** The list shipped with the engine, read once per process. */
export function shippedOrgPorts(): OrgPorts {
  shipped ??= new OrgPorts(readFileSync(dataFile('ports_used_by_specific_orgs.csv'), 'utf8'));
  return shipped;
}
