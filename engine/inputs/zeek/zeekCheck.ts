// Why a built Zeek record cannot be kept, if it cannot: no usable timestamp, a number that is not one,
// or an address that is not an IP where the kind needs one. Cheap enough to run on every record.
import type { FlowRecord } from '../../flow';
import { isIpAddress } from '../ipAddress';
import type { AddressRule } from './zeekKindSpec';
import { TS_SLOT, type ZeekRow } from './zeekRow';

function badAddress(name: string, value: string, required: boolean): string | undefined {
  if (value === '') return required ? `${name} is missing` : undefined;
  return isIpAddress(value) ? undefined : `${name} is not an IP address: ${JSON.stringify(value)}`;
}

/** The reason to reject `rec`, or undefined when it is fine. */
export function recordProblem(rec: FlowRecord, row: ZeekRow, rule: AddressRule): string | undefined {
  if (rec.ts - rec.ts !== 0) return `invalid ts ${JSON.stringify(row.raw(TS_SLOT))}`;
  if (row.bad !== '') return row.bad;
  if (rule === 'none') return undefined;
  return (
    badAddress('source address', rec.saddr, rule !== 'present') ??
    badAddress('destination address', rec.daddr, rule === 'both')
  );
}
