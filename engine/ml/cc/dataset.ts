// Reads upstream's C&C training files (`all_datasets_raw.tsv`, `dataset_dga_raw.tsv`): lines
// `[id] | label | <src>-<dst>-<port>-<proto> | letters`, the tuple sometimes wrapped in ANSI colours.
// Lines without a label or with an unexpected shape are reported and skipped, never fatal.

export interface LabelledTuple {
  /** 1 = C&C / malware (labels From-Botnet-…, From-Malware-…), 0 = From-Normal-…. */
  y: 0 | 1;
  label: string;
  tuple: string;
  proto: string;
  letters: string;
  line: number;
}

export interface DatasetProblem {
  line: number;
  reason: string;
}

const ANSI = /\x1b\[[0-9;]*m/g;

export function parseDataset(text: string): { rows: LabelledTuple[]; problems: DatasetProblem[] } {
  const rows: LabelledTuple[] = [];
  const problems: DatasetProblem[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (!raw.trim()) continue;
    const line = i + 1;
    const parts = raw.split('|').map((p) => p.trim());
    if (parts.length !== 4) {
      problems.push({ line, reason: `expected 4 fields separated by '|', got ${parts.length}` });
      continue;
    }
    const label = parts[1]!;
    const y = label.startsWith('From-Normal') ? 0 : /^From-(Botnet|Malware)/.test(label) ? 1 : undefined;
    if (y === undefined) {
      problems.push({ line, reason: label ? `unknown label ${label}` : 'no label' });
      continue;
    }
    const tuple = parts[2]!.replace(ANSI, '');
    rows.push({ y, label, tuple, proto: tuple.slice(tuple.lastIndexOf('-') + 1), letters: parts[3]!, line });
  }
  return { rows, problems };
}
