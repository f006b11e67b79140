// What a Zeek log kind's mapping provides, and the columns most logs share.
import type { FlowKind, FlowRecord } from '../../flow';
import type { FieldTable, ZeekRow } from './zeekRow';

/**
 * Which addresses must be valid IPs for a record to be kept: `both` (connection logs), `source` (the host a
 * log is about), `present` (checked only when given), `none` (dhcp may carry a MAC as saddr; x509 has none).
 */
export type AddressRule = 'both' | 'source' | 'present' | 'none';

export interface ZeekKindSpec {
  readonly kind: FlowKind;
  readonly table: FieldTable<string>;
  readonly addresses: AddressRule;
  build(r: ZeekRow, file: string, line: number): FlowRecord;
}

/** The connection id and ground-truth label columns most logs share. */
export const ID = {
  ts: 'ts',
  uid: 'uid',
  saddr: 'id.orig_h',
  sport: 'id.orig_p',
  daddr: 'id.resp_h',
  dport: 'id.resp_p',
  label: 'label',
  detailedLabel: 'detailedlabel',
} as const;

/** Labels are optional in the record: absent rather than empty. */
export function opt(s: string): string | undefined {
  return s === '' ? undefined : s;
}
