// LOGIN (4.2.2): every Zeek login.log entry (Telnet, rlogin, rsh) becomes an info evidence saying
// whether the login succeeded, failed or confused Zeek's analyzer. The server is named as attacker,
// as upstream does.
import type { FlowRecord } from '../../../flow';
import { isValidIp } from '../../../net/ip';
import type { Detector, DetectorContext } from '../../detector';
import { makeEvidence } from '../../makeEvidence';
import { FLOW_ALERTS, dstParty, srcParty } from './common';

export class Login implements Detector {
  readonly name = FLOW_ALERTS;

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'login' || ctx.role !== 'Client' || !isValidIp(rec.daddr)) return;
    const status = rec.success ? 'successful' : rec.confused ? 'confused' : 'failed';
    const service = rec.proto || 'login';
    const user = rec.user ? ` for user ${rec.user}` : '';
    ctx.emit(
      makeEvidence({
        type: 'LOGIN',
        // Upstream's wording, including the double space before "for user".
        description: `${status} ${service} login. ${user} destination IP: ${rec.daddr}.`,
        attacker: dstParty(rec.daddr),
        victim: srcParty(rec.saddr),
        threatLevel: 'info',
        confidence: 1,
        tw: ctx.tw,
        uids: [rec.uid],
        timestamp: rec.ts,
        srcPort: rec.sport,
        dstPort: rec.dport,
        module: FLOW_ALERTS,
        facts: { status },
      }),
    );
  }
}
