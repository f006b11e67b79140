// BAD_SMTP_LOGIN / SMTP_LOGIN_BRUTEFORCE (4.2.2): the server answered a login with "bad smtp-auth user"
// (one evidence per answer), and three such answers within 10 seconds make a brute force, after which
// the count starts again. As upstream, bad logins are counted per source host across windows; the
// brute force is reported in the window of the third login.
import type { FlowRecord } from '../../../flow';
import type { DetectorContext } from '../../detector';
import type { RoutedDetector } from './router';
import { makeEvidence } from '../../makeEvidence';
import { BoundedMap, FLOW_ALERTS, dstParty, srcParty } from './common';

const BAD_LOGIN = 'bad smtp-auth user';
/** Bad logins that make a brute force, and the seconds they must fall within. */
const BRUTEFORCE_LOGINS = 3;
const BRUTEFORCE_SECONDS = 10;
/** Source hosts remembered. */
const MAX_HOSTS = 100_000;

interface BadLogins {
  ts: number[];
  uids: string[];
}

export class SmtpLogin implements RoutedDetector {
  readonly name = FLOW_ALERTS;
  readonly kinds = ['smtp'] as const;
  private readonly bad = new BoundedMap<string, BadLogins>(MAX_HOSTS);

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'smtp' || ctx.role !== 'Client' || !rec.lastReply.includes(BAD_LOGIN)) return;
    let b = this.bad.get(rec.saddr);
    if (!b) {
      b = { ts: [], uids: [] };
      this.bad.set(rec.saddr, b);
    }
    b.ts.push(rec.ts);
    b.uids.push(rec.uid);
    const common = {
      attacker: srcParty(rec.saddr),
      victim: dstParty(rec.daddr),
      threatLevel: 'high' as const,
      confidence: 1,
      tw: ctx.tw,
      timestamp: rec.ts,
      proto: rec.proto,
      srcPort: rec.sport,
      dstPort: rec.dport,
      module: FLOW_ALERTS,
    };
    ctx.emit(
      makeEvidence({
        ...common,
        type: 'BAD_SMTP_LOGIN',
        description: `doing bad SMTP login to ${rec.daddr} `,
        uids: [rec.uid],
        facts: { lastReply: rec.lastReply },
      }),
    );
    if (b.ts.length !== BRUTEFORCE_LOGINS) return;
    const span = b.ts[b.ts.length - 1]! - b.ts[0]!;
    if (span > BRUTEFORCE_SECONDS) {
      // Too slow: drop the oldest and look at the next three.
      b.ts.shift();
      b.uids.shift();
      return;
    }
    ctx.emit(
      makeEvidence({
        ...common,
        type: 'SMTP_LOGIN_BRUTEFORCE',
        description: `doing SMTP login bruteforce to ${rec.daddr}. ${BRUTEFORCE_LOGINS} logins in 10 seconds. `,
        uids: b.uids,
        facts: {
          logins: BRUTEFORCE_LOGINS,
          spanSeconds: Math.round(span * 1e3) / 1e3,
          windowSeconds: BRUTEFORCE_SECONDS,
        },
      }),
    );
    this.bad.delete(rec.saddr);
  }
}
