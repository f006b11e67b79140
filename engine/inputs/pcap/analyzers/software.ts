// Zeek's software framework for the banners the analyzers see: SSH client and server banners (without
// the `SSH-x.y-` protocol part), HTTP User-Agent (HTTP::BROWSER) and Server (HTTP::SERVER) headers →
// software.log-shaped records. A version string is split as Zeek's Software::parse does it (name up to
// the first run of version characters; major, minor, minor2, minor3; the word after them as `addl`),
// with the browser rules for `Mozilla/…` user agents. As Zeek, a host's software is logged when first
// seen and again only when its version changes.
import type { SoftwareRecord } from '../../../flow';
import type { Connection } from '../connection';

/** Host/software pairs remembered for the "only when new or changed" rule (forgotten wholesale past it). */
const MAX_KNOWN = 100_000;
/** Longest version string parsed. */
const MAX_VERSION = 512;

export interface SoftwareVersion {
  name: string;
  major: string;
  minor: string;
  minor2: string;
  minor3: string;
  addl: string;
}

/** A software record from packets: software.log's columns that SoftwareRecord has no field for. */
export interface PacketSoftwareRecord extends SoftwareRecord {
  versionMinor2: string;
  versionMinor3: string;
  versionAddl: string;
}

const VERSION_RUN = /\/?( [(])?v?[0-9\-._, ]{2,}/;

/** Zeek's generic Software::parse. */
export function parseVersion(unparsed: string): SoftwareVersion {
  const v: SoftwareVersion = { name: unparsed, major: '', minor: '', minor2: '', minor3: '', addl: '' };
  const m = VERSION_RUN.exec(unparsed);
  if (m === null) return v;
  v.name = unparsed.slice(0, m.index).trim();
  let sv = m[0].trim();
  sv = sv.replace(/^\(?[/\-._v(]/, '').trim();
  const nums = sv.split(/[-._,[({ ]/).slice(0, 4);
  const count = (s: string | undefined) => /^\d+/.exec(s ?? '')?.[0] ?? '';
  v.major = count(nums[0]);
  v.minor = count(nums[1]);
  v.minor2 = count(nums[2]);
  v.minor3 = count(nums[3]);
  const rest = unparsed.slice(m.index + m[0].length);
  if (rest !== '') {
    const paren = /^\s*\(([a-zA-Z0-9\-._\s]*)\)/.exec(rest);
    if (paren) v.addl = paren[1]!.trim();
    else if (!/^\s*\(/.test(rest)) v.addl = (rest.split(/[-._,;[\](){} ]/)[0] ?? '').trim();
  }
  return v;
}

/** Zeek's browser rules: the product inside a `Mozilla/…` user agent names it. */
export function parseBrowser(ua: string): SoftwareVersion {
  const rules: [RegExp, string][] = [
    [/Opera[/ ]([\d.]+)/, 'Opera'],
    [/MSIE ([\d.]+)/, 'MSIE'],
    [/Edge?\/([\d.]+)/, 'Edge'],
    [/Firefox\/([\d.]+)/, 'Firefox'],
    [/Chrome\/([\d.]+)/, 'Chrome'],
    [/Version\/([\d.]+).*Safari\//, 'Safari'],
  ];
  if (ua.startsWith('Mozilla')) {
    for (const [re, name] of rules) {
      const m = re.exec(ua);
      if (m === null) continue;
      const v = parseVersion(`${name}/${m[1]}`);
      return v;
    }
  }
  return parseVersion(ua);
}

export type SoftwareType = 'SSH::CLIENT' | 'SSH::SERVER' | 'HTTP::BROWSER' | 'HTTP::SERVER';

/** What the capture's hosts run, as far as software.log has reported it. */
export class SoftwareTracker {
  private readonly known = new Map<string, string>();

  constructor(
    private readonly file: string,
    private readonly emit: (rec: SoftwareRecord) => void,
  ) {}

  found(c: Connection, type: SoftwareType, unparsed: string, ts: number): void {
    let text = unparsed.slice(0, MAX_VERSION);
    if (type === 'SSH::CLIENT') text = text.replace(/^SSH[0-9.-]+/, '');
    else if (type === 'SSH::SERVER') text = text.replace(/SSH[0-9.-]{2,}/, '');
    if (text.trim() === '') return;
    const server = type === 'SSH::SERVER' || type === 'HTTP::SERVER';
    const host = server ? c.respText() : c.origText();
    const v = type === 'HTTP::BROWSER' ? parseBrowser(text) : parseVersion(text);
    const key = `${host}|${type}|${v.name}`;
    if (this.known.get(key) === text) return;
    if (this.known.size >= MAX_KNOWN) this.known.clear();
    this.known.set(key, text);
    const rec: PacketSoftwareRecord = {
      kind: 'software',
      ts,
      uid: c.uid,
      saddr: host,
      sport: server ? c.rPort : 0,
      daddr: '',
      dport: 0,
      proto: '',
      origin: { file: this.file, line: c.firstPacket },
      software: type,
      softwareName: v.name,
      versionMajor: v.major,
      versionMinor: v.minor,
      versionMinor2: v.minor2,
      versionMinor3: v.minor3,
      versionAddl: v.addl,
      unparsedVersion: text,
      httpBrowser: type === 'HTTP::BROWSER',
    };
    this.emit(rec);
  }
}
