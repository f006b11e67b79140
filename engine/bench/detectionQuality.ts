// `npm run quality`: how the detections fare on the labelled captures in ../shared/data. For every
// evidence it looks up the ground-truth label of the flows it names (by uid) and counts, per evidence
// type, how many fall on benign, malicious or other-labelled flows. Prints a markdown table.
import { resolve } from 'node:path';
import { Accounting } from '../inputs/accounting';
import { openReader } from '../inputs/openReader';
import { Engine } from '../engine';
import { DEFAULT_CONFIG } from '../config/config';
import { createDetectors } from '../detectors/registry';
import type { Evidence } from '../evidence/types';
import type { FlowRecord } from '../flow';

const DATA = resolve(__dirname, '../../shared/data');
const INPUTS = [
  'zeek/slips/test18-malicious-ctu-sme-11-win/zeek-labeled',
  'zeek/security-datasets-for-testing/001-zeek-scenario-malicious/labeled-conn.log',
  'zeek/security-datasets-for-testing/008-zeek-mixed/data',
  'binetflow/netflowlabeler/test5.tabs.binetflow',
  'zeek-baselines/stratosphere-test7/conn.default-params.log.labeled',
];

/** Benign, Malicious, or the label's first word (Background, Unknown, ...); netflowlabeler's `flow=` prefix dropped. */
function labelClass(label: string | undefined): string {
  if (!label) return 'unlabelled';
  const l = label.replace(/^flow=/, '').toLowerCase();
  if (l.startsWith('benign') || l.includes('normal')) return 'benign';
  if (l.startsWith('malicious') || l.includes('malware') || l.includes('botnet')) return 'malicious';
  return l.split(/[-\s]/)[0] || 'unlabelled';
}

async function measure(input: string): Promise<Map<string, Map<string, number>>> {
  const labels = new Map<string, string>();
  const evidence: Evidence[] = [];
  const accounting = new Accounting();
  const reader = await openReader(`${DATA}/${input}`, { accounting });
  const engine = new Engine(DEFAULT_CONFIG, {
    detectors: createDetectors(DEFAULT_CONFIG),
    sinks: [
      {
        records: (b: readonly FlowRecord[]) => {
          for (const r of b)
            if (r.label !== undefined && !labels.has(r.uid)) labels.set(r.uid, labelClass(r.label));
        },
        evidence: (e: Evidence) => evidence.push(e),
        close: async () => {},
      },
    ],
  });
  await engine.run(reader, accounting, input);
  const byType = new Map<string, Map<string, number>>();
  for (const e of evidence) {
    const cls = e.uids.map((u) => labels.get(u)).find((x) => x !== undefined) ?? 'unlabelled';
    const row = byType.get(e.evidenceType) ?? new Map<string, number>();
    row.set(cls, (row.get(cls) ?? 0) + 1);
    byType.set(e.evidenceType, row);
  }
  return byType;
}

async function main(): Promise<void> {
  console.log('| input | evidence type | benign | malicious | other labels | unlabelled |');
  console.log('|---|---|---:|---:|---|---:|');
  for (const input of INPUTS) {
    const byType = await measure(input);
    if (byType.size === 0) console.log(`| ${input} | (none) | 0 | 0 | | 0 |`);
    for (const [type, row] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
      const other = [...row]
        .filter(([k]) => !['benign', 'malicious', 'unlabelled'].includes(k))
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      console.log(
        `| ${input} | ${type} | ${row.get('benign') ?? 0} | ${row.get('malicious') ?? 0} | ${other} | ${row.get('unlabelled') ?? 0} |`,
      );
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
