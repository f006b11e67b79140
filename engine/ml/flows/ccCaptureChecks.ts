// The C&C detectors (rnn_cc_detection with the cc-letters model, and beacon) checked on real
// captures: alarms on the benign captures (false positives) and which labelled C&C pairs of the
// held-out captures they flag. Written beside the C&C model (capture-checks.json) and as a marked
// section of its MODEL_CARD.md, replaced in place on every run so the rest of the card (written by
// `npm run train:cc`) is kept.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIN_PAIR_FLOWS, type BenignCount, type LabelledCoverage } from './evaluation';

export const CC_CHECKS_FILE = 'capture-checks.json';
const START = '<!-- capture-checks: written by npm run train:flows -->';
const END = '<!-- /capture-checks -->';
const CC_TYPES = ['COMMAND_AND_CONTROL_CHANNEL', 'BEACON'] as const;

export interface CcChecksFile {
  ccThreshold: number;
  beaconThreshold: number;
  benign: {
    path: string;
    connections: number;
    evidence: Record<string, number>;
    pairs: Record<string, number>;
  }[];
  labelled: LabelledCoverage[];
}

const pick = (o: Record<string, number>) => Object.fromEntries(CC_TYPES.map((t) => [t, o[t] ?? 0]));
const isCc = (t: string) => (CC_TYPES as readonly string[]).includes(t);

export function ccCaptureChecks(
  benign: readonly BenignCount[],
  labelled: readonly LabelledCoverage[],
  s: { ccThreshold: number; beaconThreshold: number },
): CcChecksFile {
  return {
    ccThreshold: s.ccThreshold,
    beaconThreshold: s.beaconThreshold,
    benign: benign.map((b) => ({
      path: b.path,
      connections: b.connections,
      evidence: pick(b.evidence),
      pairs: pick(b.pairs),
    })),
    labelled: labelled.map((l) => ({
      ...l,
      flowsInFlaggedPairs: pick(l.flowsInFlaggedPairs),
      pairs: l.pairs.map((p) => ({ ...p, flaggedBy: p.flaggedBy.filter(isCc) })),
    })),
  };
}

export function writeCcCaptureChecks(dir: string, checks: CcChecksFile): void {
  writeFileSync(join(dir, CC_CHECKS_FILE), JSON.stringify(checks, null, 2) + '\n');
  const card = join(dir, 'MODEL_CARD.md');
  const text = existsSync(card) ? readFileSync(card, 'utf8') : '';
  const benignRows = checks.benign.map(
    (c) =>
      `| \`${c.path}\` | ${c.connections} | ${c.evidence.COMMAND_AND_CONTROL_CHANNEL} (${c.pairs.COMMAND_AND_CONTROL_CHANNEL} attacker→victim pairs) | ${c.evidence.BEACON} (${c.pairs.BEACON} pairs) |`,
  );
  const labelledRows = checks.labelled.flatMap((l) =>
    l.pairs.map(
      (p) =>
        `| \`${l.path}\` | ${p.pair} | ${p.flows} | ${p.flaggedBy.length ? p.flaggedBy.join(', ') : 'not flagged'} |`,
    ),
  );
  const totals = checks.labelled.map(
    (l) =>
      `* \`${l.path}\`: ${l.malwareFlows} Malware-labelled connections; ${l.flowsInFlaggedPairs.COMMAND_AND_CONTROL_CHANNEL} of them in a pair with C&C channel evidence, ${l.flowsInFlaggedPairs.BEACON} in a pair with beacon evidence.`,
  );
  const section = `${START}
## Checks on real captures
Run through the real engine with the detectors at their default thresholds (rnn_cc_detection
${checks.ccThreshold}, beacon ${checks.beaconThreshold}). Recomputed by test/engine/ml/flows/shippedModel.test.ts;
numbers in \`${CC_CHECKS_FILE}\`.

### False positives on benign captures
Captures known to be benign as a whole: every evidence counted here is a false positive. A C&C
channel gives two linked evidence (client and server as attacker).

| capture | connections | C&C channel evidence | beacon evidence |
|---|---|---|---|
${benignRows.join('\n')}

### Labelled C&C captures (the flow classifier's held-out captures)
${totals.join('\n')}

Labelled-malware pairs with at least ${MIN_PAIR_FLOWS} connections:

| capture | pair | connections | flagged by |
|---|---|---|---|
${labelledRows.join('\n')}
${END}
`;
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  const next =
    from !== -1 && to > from
      ? text.slice(0, from) + section + text.slice(to + END.length + 1)
      : `${text.trimEnd()}\n\n${section}`;
  writeFileSync(card, next);
}
