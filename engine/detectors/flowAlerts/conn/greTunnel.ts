// GRE_TUNNEL / GRE_SCAN (4.2.2): Zeek tunnel.log entries of type Tunnel::GRE. A `Tunnel::DISCOVER`
// action is a scan for tunnels; any other action (e.g. `Tunnel::EXPIRE`) is a tunnel in use.
import type { FlowRecord } from '../../../flow';
import type { Detector, DetectorContext } from '../../detector';
import { makeEvidence } from '../../makeEvidence';
import { FLOW_ALERTS, dstParty, srcParty } from './common';

const GRE = 'Tunnel::GRE';
const DISCOVER = 'Tunnel::DISCOVER';

export class GreTunnel implements Detector {
  readonly name = FLOW_ALERTS;

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'tunnel' || ctx.role !== 'Client' || rec.tunnelType !== GRE) return;
    const scan = rec.action === DISCOVER;
    ctx.emit(
      makeEvidence({
        type: scan ? 'GRE_SCAN' : 'GRE_TUNNEL',
        description: `GRE ${scan ? 'scan' : 'tunnel'} from ${rec.saddr} to ${rec.daddr} tunnel action: ${rec.action}`,
        attacker: srcParty(rec.saddr),
        victim: dstParty(rec.daddr),
        threatLevel: 'low',
        confidence: 1,
        tw: ctx.tw,
        uids: [rec.uid],
        timestamp: rec.ts,
        module: FLOW_ALERTS,
        facts: { action: rec.action },
      }),
    );
  }
}
