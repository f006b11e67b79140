// VirusTotal as a background lookup source: the IP address report of each public profile IP (upstream
// looked up every destination; here the hosts that have a profile, whose info shows the scores).
// Domain, URL and file reports are available from VtClient for callers that need them.
import type { LookupSource } from '../cache/backgroundLookups';
import type { VtClient, VtObjectKind, VtScores } from './vtClient';

export function vtSource(client: VtClient, kind: VtObjectKind): LookupSource<VtScores> {
  return {
    namespace: `virustotal_${kind}`,
    label: 'VirusTotal',
    fetch: (id, signal) => client.report(kind, id, signal),
  };
}

/** The profile-info fields for an IP's report (upstream shows the scores in its IP info table). */
export function vtProfileFields(s: VtScores): [string, string][] {
  return [
    ['virustotal_malicious', String(s.malicious)],
    ['virustotal_suspicious', String(s.suspicious)],
    ['virustotal_harmless', String(s.harmless)],
    ['virustotal_undetected', String(s.undetected)],
  ];
}
