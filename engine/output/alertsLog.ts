// alerts.log in the newest Slips wording (slips-behaviour.md 5.2): one line per evidence, one per alert.
// Flow times and "real time" are UTC with `+00:00` so runs are comparable across machines.
import type { Alert, Evidence, Party } from '../evidence/types';
import { isoClock, isoUtc } from './format/time';
import { TextFile } from './format/textFile';
import type { OutputSink } from './sink';

/** Upstream left-justifies the source to this width so the `. Detected` column lines up. */
const SRC_WIDTH = 26;

export function profileIpOf(profile: string): string {
  return profile.startsWith('profile_') ? profile.slice('profile_'.length) : profile;
}

function srcColumn(ip: string, hostname: string | undefined): string {
  return (hostname ? `${ip} (${hostname})` : ip).padEnd(SRC_WIDTH);
}

export function evidenceLine(e: Evidence): string {
  const ip = profileIpOf(e.profile);
  const host = e.attacker.value === ip ? e.attacker.hostname : undefined;
  return (
    `${isoUtc(e.timestamp)} (TW ${e.timewindow.number}): Src IP ${srcColumn(ip, host)}. ` +
    `Detected ${e.description} Threat level: ${e.threatLevel}.` +
    identification(e.attacker) +
    (e.victim ? identification(e.victim) : '')
  );
}

/** ` IP <ip>: SNI: …, DNS: …, rDNS: …, AS: …, TI: ….` for an IP party the traffic or enrichment identified; '' otherwise. */
export function identification(p: Party): string {
  if (p.iocType !== 'IP') return '';
  const parts: string[] = [];
  if (p.sni) parts.push(`SNI: ${p.sni}`);
  if (p.dnsNames?.length) parts.push(`DNS: ${p.dnsNames.join(', ')}`);
  if (p.rdns) parts.push(`rDNS: ${p.rdns}`);
  if (p.as) parts.push(`AS: ${p.as}`);
  if (p.ti) parts.push(`TI: ${p.ti}`);
  return parts.length ? ` IP ${p.value}: ${parts.join(', ')}.` : '';
}

export function alertLine(a: Alert, now: Date): string {
  const verb = a.blocked ? 'Is blocked' : 'Generated an alert';
  return (
    `${isoUtc(a.lastFlowTime)}: Src IP ${srcColumn(a.ip, undefined)}. ` +
    `${verb} given enough evidence on timewindow ${a.timewindow.number}. (real time ${isoClock(now)})`
  );
}

export class AlertsLogSink implements OutputSink {
  private readonly file: TextFile;

  constructor(
    path: string,
    private readonly clock: () => Date,
  ) {
    this.file = new TextFile(path);
  }

  evidence(e: Evidence): void {
    this.file.write(evidenceLine(e) + '\n');
  }

  alert(a: Alert): void {
    this.file.write(alertLine(a, this.clock()) + '\n');
  }

  async close(): Promise<void> {
    this.file.close();
  }
}
