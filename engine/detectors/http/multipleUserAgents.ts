// MULTIPLE_USER_AGENT (4.2.6): a host whose HTTP user agents name different operating systems ("an
// Apple agent, then an Android one"). Upstream remembers the first agent of a profile with its OS
// (looked up online) and reports every later request whose agent contains neither that OS type nor
// its name. The OS is read offline here (userAgentOs.ts).
//
// Decided differently, to report OS changes rather than tools: the remembered agent is the first one
// that names an OS, and a later agent is reported only when it names another OS family (upstream
// also reports agents naming no OS, such as wget or Windows' CryptoAPI, and stays silent for a host
// whose first agent names none). A change of agent is reported when it happens (at most once per
// window for the same agent), not on every request that carries it.
import type { FlowRecord } from '../../flow';
import type { TimeWindow } from '../../profiler/types';
import type { DetectorContext } from '../detector';
import type { RoutedDetector } from '../flowAlerts/app/router';
import { ipParty, makeEvidence } from '../makeEvidence';
import { BoundedMap, PerWindow } from '../flowAlerts/app/common';
import { HTTP_ANALYZER } from './common';
import { userAgentOs, type UaOs } from './userAgentOs';

const MAX_HOSTS = 100_000;

interface FirstAgent extends UaOs {
  ua: string;
}

export class MultipleUserAgents implements RoutedDetector {
  readonly name = HTTP_ANALYZER;
  readonly kinds = ['http'] as const;
  /** Source host → its first agent that named an OS. */
  private readonly first = new BoundedMap<string, FirstAgent>(MAX_HOSTS);
  /** Agents already reported per window. */
  private readonly reported = new PerWindow<Set<string>>(() => new Set());
  /** The last agent looked at per host: requests repeat their agent, so most lookups stop here. */
  private readonly lastSeen = new BoundedMap<string, string>(MAX_HOSTS);

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'http' || ctx.role !== 'Client') return;
    const ua = rec.userAgent;
    if (!ua || this.lastSeen.get(rec.saddr) === ua) return;
    this.lastSeen.set(rec.saddr, ua);
    const first = this.first.get(rec.saddr);
    if (!first) {
      const os = userAgentOs(ua);
      if (os) this.first.set(rec.saddr, { ua, ...os });
      return;
    }
    if (
      ua === first.ua ||
      (first.osType && ua.includes(first.osType)) ||
      (first.osName && ua.includes(first.osName))
    )
      return;
    const os = userAgentOs(ua);
    if (!os || os.osType === first.osType) return;
    const seen = this.reported.of(ctx.tw);
    if (seen.has(ua)) return;
    seen.add(ua);
    ctx.emit(
      makeEvidence({
        type: 'MULTIPLE_USER_AGENT',
        description: `Using multiple user-agents: "${first.ua}" then "${ua}"`,
        attacker: ipParty(rec.saddr, 'SRC'),
        threatLevel: 'info',
        confidence: 1,
        tw: ctx.tw,
        uids: [rec.uid],
        timestamp: rec.ts,
        proto: rec.proto,
        srcPort: rec.sport,
        dstPort: rec.dport,
        module: HTTP_ANALYZER,
        facts: { firstOs: first.osName, os: os.osName },
      }),
    );
  }

  onWindowClosed(tw: TimeWindow): void {
    this.reported.drop(tw);
  }
}
