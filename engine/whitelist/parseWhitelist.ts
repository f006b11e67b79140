// Reads upstream's whitelist.conf (slips-behaviour.md 6.2): one CSV entry per line,
// `"IoCType","IoCValue","Direction","IgnoreType"`, `;` (and `#`) comment lines, the header line skipped,
// spaces and double quotes around fields tolerated. A bad line is reported with its number and skipped,
// never fatal, as upstream skips it. When several lines name the same value, the last one counts.
// Organisation entries may list the organisation's domains in a fifth column (not upstream: upstream
// reads them from its organizations_info data files, which this engine does not ship).
import { isIP } from 'node:net';
import { parseCidr } from '../net/cidr';

export type WhitelistIocType = 'ip' | 'domain' | 'organization' | 'mac';
/** Which side of a flow or evidence the value must be on. */
export type WhitelistDirection = 'src' | 'dst' | 'both';
/** What is ignored when the value matches: the evidence (alerts), the records (flows), or both. */
export type IgnoreType = 'alerts' | 'flows' | 'both';

export interface WhitelistEntry {
  type: WhitelistIocType;
  /** Normalised: lower case; IPs as written (or a CIDR range); MACs with `:`. Organisation name for orgs. */
  value: string;
  direction: WhitelistDirection;
  ignore: IgnoreType;
  /** 1-based line in the file. */
  line: number;
  /** Organisations only: the domains that identify it (with their subdomains). */
  domains: string[];
}

export interface WhitelistProblem {
  file: string;
  /** 1-based; 0 for a problem with the whole file. */
  line: number;
  reason: string;
}

export interface ParsedWhitelist {
  entries: WhitelistEntry[];
  problems: WhitelistProblem[];
}

const TYPES: Record<string, WhitelistIocType> = {
  ip: 'ip',
  domain: 'domain',
  organization: 'organization',
  organisation: 'organization',
  org: 'organization',
  mac: 'mac',
};
const DIRECTIONS: readonly WhitelistDirection[] = ['src', 'dst', 'both'];
const IGNORE_TYPES: readonly IgnoreType[] = ['alerts', 'flows', 'both'];

const DOMAIN = /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/;
const MAC = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/;
const ORG = /^[a-z0-9][a-z0-9_.-]*$/;

/** Splits one line on commas outside double quotes; fields are trimmed and unquoted. */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out.map((f) => f.replace(/^'(.*)'$/, '$1').trim());
}

/** `Example.COM.`, `*.example.com` and `.example.com` all mean example.com and its subdomains. */
export function normaliseDomain(raw: string): string | undefined {
  const d = raw
    .trim()
    .toLowerCase()
    .replace(/^\*?\./, '')
    .replace(/\.$/, '');
  return d.length > 0 && d.length <= 253 && DOMAIN.test(d) ? d : undefined;
}

export function normaliseMac(raw: string): string | undefined {
  const m = raw.trim().toLowerCase().replace(/-/g, ':');
  return MAC.test(m) ? m : undefined;
}

/** An IP or CIDR range, as written (IPv6 lower-cased); undefined when it is neither. */
function normaliseIp(raw: string): string | undefined {
  const v = raw.trim().toLowerCase();
  if (v.includes('/')) return parseCidr(v) ? v : undefined;
  return isIP(v) ? v : undefined;
}

export function parseWhitelist(text: string, file: string): ParsedWhitelist {
  const byKey = new Map<string, WhitelistEntry>();
  const problems: WhitelistProblem[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith(';') || trimmed.startsWith('#')) return;
    const problem = (reason: string) => problems.push({ file, line, reason: `${reason}; line skipped` });
    const f = fields(trimmed);
    if (f[0]!.toLowerCase() === 'ioctype') return;
    if (f.length < 4)
      return problem(`expected 4 columns "IoCType","IoCValue","Direction","IgnoreType", found ${f.length}`);
    const type = TYPES[f[0]!.toLowerCase()];
    if (!type) return problem(`unknown IoCType '${f[0]}' (expected ip, domain, organization or mac)`);
    const direction = f[2]!.toLowerCase() as WhitelistDirection;
    if (!DIRECTIONS.includes(direction))
      return problem(`unknown Direction '${f[2]}' (expected src, dst or both)`);
    const ignore = f[3]!.toLowerCase() as IgnoreType;
    if (!IGNORE_TYPES.includes(ignore))
      return problem(`unknown IgnoreType '${f[3]}' (expected alerts, flows or both)`);

    let value: string | undefined;
    const domains: string[] = [];
    switch (type) {
      case 'ip':
        value = normaliseIp(f[1]!);
        if (!value) return problem(`'${f[1]}' is not an IP address or CIDR range`);
        break;
      case 'domain':
        value = normaliseDomain(f[1]!);
        if (!value) return problem(`'${f[1]}' is not a domain name`);
        break;
      case 'mac':
        value = normaliseMac(f[1]!);
        if (!value) return problem(`'${f[1]}' is not a MAC address (six hex pairs, e.g. a1:a2:a3:a4:a5:a6)`);
        break;
      case 'organization': {
        value = f[1]!.toLowerCase().replace(/\s+/g, '');
        if (!ORG.test(value)) return problem(`'${f[1]}' is not an organisation name`);
        for (const d of f
          .slice(4)
          .flatMap((x) => x.split(/[\s|;]+/))
          .filter((x) => x !== '')) {
          const n = normaliseDomain(d);
          if (n) domains.push(n);
          else
            problems.push({
              file,
              line,
              reason: `'${d}' is not a domain name; ignored for organisation ${value}`,
            });
        }
        if (domains.length === 0)
          problems.push({
            file,
            line,
            reason:
              `organisation ${value} lists no domains, so it matches nothing: this engine has no organisation ` +
              `IP-range or ASN data; list its domains in a fifth column, e.g. organization,${value},${direction},${ignore},${value}.com`,
          });
        break;
      }
    }
    const key = `${type}|${value}`;
    // The last line for a value wins: delete first so the entry moves to its new place in file order.
    byKey.delete(key);
    byKey.set(key, { type, value, direction, ignore, line, domains });
  });
  return { entries: [...byKey.values()], problems };
}
