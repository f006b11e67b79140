// The `info` of a timeline entry: what the application-layer record with the same uid adds
// (newest timeline, 4.2.11). Empty values are left out so the line stays short.
import type { DnsRecord, FlowRecord, HttpRecord, SshRecord, SslRecord } from '../../flow';

export type AltRecord = DnsRecord | HttpRecord | SslRecord | SshRecord;

export function isAltRecord(r: FlowRecord): r is AltRecord {
  return r.kind === 'dns' || r.kind === 'http' || r.kind === 'ssl' || r.kind === 'ssh';
}

function dnsInfo(r: DnsRecord): Record<string, unknown> {
  return { query: r.query, answers: r.rcodeName.includes('NXDOMAIN') ? 'NXDOMAIN' : r.answers };
}

function httpInfo(r: HttpRecord): Record<string, unknown> {
  const info: Record<string, unknown> = {
    Request: r.method || r.host || r.uri ? `${r.method} http://${r.host}${r.uri}`.trim() : '',
    'Status Code': r.statusCode ? `${r.statusCode}/${r.statusMsg}` : '',
    MIME: r.respMimeTypes.join(','),
    UA: r.userAgent,
  };
  for (const k of Object.keys(info)) if (info[k] === '') delete info[k];
  return info;
}

/** Trusted: Yes when the chain validated; ?? when a resumed session carried no validation; else No. */
function trusted(r: SslRecord): string {
  if (r.validationStatus === 'ok') return 'Yes';
  if (!r.validationStatus && r.resumed) return '??';
  return 'No';
}

function sslInfo(r: SslRecord): Record<string, unknown> {
  return {
    // The first RDN of the certificate subject (usually the CN); the SNI goes in dns_resolution.
    server_name: r.subject ? r.subject.split(',')[0]! : '????',
    trusted: trusted(r),
    resumed: r.resumed,
    version: r.version,
    dns_resolution: r.serverName,
  };
}

function sshInfo(r: SshRecord): Record<string, unknown> {
  const login = r.authSuccess === undefined ? 'Unknown' : r.authSuccess ? 'Successful' : 'Not Successful';
  return { login, auth_attempts: r.authAttempts, client: r.client, server: r.server };
}

export function altInfo(r: AltRecord): Record<string, unknown> {
  switch (r.kind) {
    case 'dns':
      return dnsInfo(r);
    case 'http':
      return httpInfo(r);
    case 'ssl':
      return sslInfo(r);
    case 'ssh':
      return sshInfo(r);
  }
}
