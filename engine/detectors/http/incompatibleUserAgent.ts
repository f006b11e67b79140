// INCOMPATIBLE_USER_AGENT (4.2.6): a host whose user agent names an operating system its network card's
// maker does not ship — an Apple MAC sending Windows agents, a Microsoft one sending Android agents, or
// Safari from a machine that is not Apple's. Spoofed agents and malware imitating a browser show up so.
//
// Upstream groups vendors and OS names into three families (Apple, Microsoft, Google/Android) and
// matches keywords as substrings, so "nt" matches "Intel" and "Macintosh": every Mac's own agent
// ("Macintosh", family Microsoft by its "nt") is reported. Keywords match whole words here. Two more
// choices: only private addresses are judged, because the source MAC of a frame from a remote address
// is the router's; and each agent is judged (upstream judges the host's first agent on every request),
// reported once per window.
import type { FlowRecord } from '../../flow';
import { isPrivateIp } from '../../net/ip';
import type { TimeWindow } from '../../profiler/types';
import type { DetectorContext } from '../detector';
import { BoundedMap, PerWindow } from '../flowAlerts/app/common';
import type { RoutedDetector } from '../flowAlerts/app/router';
import { ipParty, makeEvidence } from '../makeEvidence';
import { HTTP_ANALYZER } from './common';
import { userAgentBrowser } from './userAgentBrowser';
import { userAgentOs } from './userAgentOs';

/** Upstream's keyword families; a vendor in one family must not run an OS named by another. */
const FAMILIES: readonly RegExp[] = [
  /\b(macos|ios|apple|os x|mac|macintosh|darwin)\b/,
  /\b(microsoft|windows|nt)\b/,
  /\b(android|google)\b/,
];

const MAX_HOSTS = 100_000;

/** Why an agent does not fit the vendor, or undefined when it fits (or cannot be judged). */
export function incompatibility(
  ua: string,
  vendor: string,
): { osName: string; osType: string; browser: string } | undefined {
  const v = vendor.toLowerCase();
  const os = userAgentOs(ua);
  const browser = userAgentBrowser(ua);
  const found = { osName: os?.osName ?? '', osType: os?.osType ?? '', browser };
  if (browser === 'Safari' && !/\bapple\b/.test(v)) return found;
  const family = FAMILIES.findIndex((f) => f.test(v));
  if (family < 0 || !os) return undefined;
  const osText = `${os.osName} ${os.osType}`.toLowerCase();
  return FAMILIES.some((f, i) => i !== family && f.test(osText)) ? found : undefined;
}

export class IncompatibleUserAgent implements RoutedDetector {
  readonly name = HTTP_ANALYZER;
  readonly kinds = ['http'] as const;
  /** Agents already reported per window. */
  private readonly reported = new PerWindow<Set<string>>(() => new Set());
  /** The last agent judged per host with its vendor: requests repeat their agent, so most stop here. */
  private readonly lastJudged = new BoundedMap<string, string>(MAX_HOSTS);

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'http' || ctx.role !== 'Client' || !rec.userAgent) return;
    const vendor = ctx.profile.info.get('MAC_vendor');
    if (typeof vendor !== 'string' || !isPrivateIp(rec.saddr)) return;
    const key = `${vendor}\n${rec.userAgent}`;
    if (this.lastJudged.get(rec.saddr) === key) return;
    this.lastJudged.set(rec.saddr, key);
    const why = incompatibility(rec.userAgent, vendor);
    if (!why) return;
    const seen = this.reported.of(ctx.tw);
    if (seen.has(rec.userAgent)) return;
    seen.add(rec.userAgent);
    ctx.emit(
      makeEvidence({
        type: 'INCOMPATIBLE_USER_AGENT',
        description:
          `using incompatible user-agent (${rec.userAgent}) that belongs to OS: ${why.osName.toLowerCase()} ` +
          `type: ${why.osType.toLowerCase()} browser: ${why.browser.toLowerCase()}. ` +
          `while connecting to ${rec.host}${rec.uri}. IP has MAC vendor: ${capitalize(vendor)}`,
        attacker: ipParty(rec.saddr, 'SRC'),
        threatLevel: 'high',
        confidence: 1,
        tw: ctx.tw,
        uids: [rec.uid],
        timestamp: rec.ts,
        proto: rec.proto,
        srcPort: rec.sport,
        dstPort: rec.dport,
        module: HTTP_ANALYZER,
        facts: { vendor, os: why.osName, browser: why.browser },
      }),
    );
  }

  onWindowClosed(tw: TimeWindow): void {
    this.reported.drop(tw);
  }
}

/** Python's str.capitalize(), which upstream applies to the vendor in the description. */
function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
}
