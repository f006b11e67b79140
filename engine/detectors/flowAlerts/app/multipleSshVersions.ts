// MULTIPLE_SSH_VERSIONS (4.2.2): Zeek's software.log shows a host's SSH client (or server) with another
// `major_minor` version than the first one seen for it. Upstream remembers the first version of each
// software type per profile for the whole run and compares every later record with it.
import type { FlowRecord } from '../../../flow';
import type { DetectorContext } from '../../detector';
import type { RoutedDetector } from './router';
import { makeEvidence } from '../../makeEvidence';
import { BoundedMap, FLOW_ALERTS, srcParty } from './common';

/** The software types compared, as Zeek names them; the evidence says "client" or "server". */
const ROLES: readonly (readonly [string, string])[] = [
  ['SSH::CLIENT', 'client'],
  ['SSH::SERVER', 'server'],
];
/** Hosts remembered (upstream keeps them all for the run). */
const MAX_HOSTS = 100_000;

interface FirstSeen {
  version: string;
  uid: string;
}

export class MultipleSshVersions implements RoutedDetector {
  readonly name = FLOW_ALERTS;
  readonly kinds = ['software'] as const;
  /** `<host>|<software type>` → the first version seen. */
  private readonly first = new BoundedMap<string, FirstSeen>(MAX_HOSTS);

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'software' || ctx.role !== 'Client') return;
    for (const [type, role] of ROLES) {
      if (!rec.software.includes(type)) continue;
      const key = `${rec.saddr}|${type}`;
      const version = `${rec.versionMajor}_${rec.versionMinor}`;
      const cached = this.first.get(key);
      if (!cached) {
        this.first.set(key, { version, uid: rec.uid });
        continue;
      }
      if (cached.version === version) continue;
      ctx.emit(
        makeEvidence({
          type: 'MULTIPLE_SSH_VERSIONS',
          description: `SSH ${role} version changing from ${cached.version} to ${version}`,
          attacker: srcParty(rec.saddr),
          threatLevel: 'medium',
          confidence: 0.9,
          tw: ctx.tw,
          uids: [cached.uid, rec.uid],
          timestamp: rec.ts,
          module: FLOW_ALERTS,
          facts: { firstVersion: cached.version, version, software: rec.unparsedVersion },
        }),
      );
    }
  }
}
