import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interpretState } from '../../../engine/profiler/state';
import type { FlowSource } from '../../../engine/flow';

const cases: [string, number, FlowSource, string][] = [
  ['SF', 10, 'zeek', 'Established'],
  ['S0', 1, 'zeek', 'Not Established'],
  ['REJ', 2, 'zeek', 'Not Established'],
  ['OTH', 2, 'zeek', 'Established'],
  ['RSTR', 10, 'zeek', 'Not Established'],
  ['RSTO', 10, 'zeek', 'Established'],
  ['FSPA_FSPA', 10, 'argus', 'Established'],
  ['S_RA', 2, 'argus', 'Not Established'],
  ['PA_PA', 5, 'argus', 'Established'],
  ['ECO_', 1, 'argus', 'ICMP Echo'],
  ['URP_', 1, 'argus', 'ICMP Port Unreachable'],
  ['CON', 2, 'argus', 'Established'],
  ['INT', 2, 'argus', 'Not Established'],
  ['RST', 3, 'argus', 'Not Established'],
  ['RST', 4, 'argus', 'Established'],
  ['FIN', 10, 'argus', 'Established'],
  ['new', 1, 'suricata', 'Established'],
  ['established', 5, 'suricata', 'Established'],
  ['closed', 5, 'suricata', 'Not Established'],
  ['......S.', 1, 'nfdump', 'Not Established'],
  ['...AP.SF', 8, 'nfdump', 'Established'],
];

for (const [raw, pkts, source, want] of cases) {
  test(`state ${source} ${raw} (${pkts} pkts) → ${want}`, () =>
    assert.equal(interpretState(raw, pkts, source), want));
}
