// Zeek field → record field, per log kind (slips-behaviour.md 2.2, newest names). Each kind's table reads
// like a row of that section's mapping table; each builder fills every field of its record with one object
// literal, so records of a kind share one hidden class.
import type { FlowKind } from '../../flow';
import { CONN_SPEC, DNS_SPEC, HTTP_SPEC } from './zeekConnFields';
import {
  ARP_SPEC,
  DHCP_SPEC,
  FILES_SPEC,
  NOTICE_SPEC,
  SOFTWARE_SPEC,
  WEIRD_SPEC,
  X509_SPEC,
} from './zeekHostFields';
import type { ZeekKindSpec } from './zeekKindSpec';
import { FTP_SPEC, LOGIN_SPEC, SMTP_SPEC, SSH_SPEC, SSL_SPEC, TUNNEL_SPEC } from './zeekSessionFields';

/** How each supported Zeek log becomes records. */
export const ZEEK_SPECS: Readonly<Record<FlowKind, ZeekKindSpec>> = {
  conn: CONN_SPEC,
  dns: DNS_SPEC,
  http: HTTP_SPEC,
  ssl: SSL_SPEC,
  ssh: SSH_SPEC,
  dhcp: DHCP_SPEC,
  ftp: FTP_SPEC,
  smtp: SMTP_SPEC,
  tunnel: TUNNEL_SPEC,
  notice: NOTICE_SPEC,
  files: FILES_SPEC,
  arp: ARP_SPEC,
  software: SOFTWARE_SPEC,
  weird: WEIRD_SPEC,
  login: LOGIN_SPEC,
  x509: X509_SPEC,
};
