import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDataset } from '../../../../engine/ml/cc/dataset';

test('labelled tuples: ANSI colours removed, labels to 0/1, unlabelled and malformed lines reported', () => {
  const text = [
    '[1] | From-Botnet-V1-TCP-CC--1 | \x1b[36m10.0.0.1-1.2.3.4-80-tcp\x1b[0m | 11,a,a,',
    '[2] | From-Normal-TCP-HTTP--2 | 10.0.0.1-5.6.7.8-443-tcp | 4.U.',
    '[3] |                          | 10.0.0.1-5.6.7.8-53-udp | 1',
    'garbage without fields',
    '',
    '[5] | From-Malware-TCP-Other-CC.njRAT-1 | 10.0.0.2-9.9.9.9-5552-tcp | 99,i',
  ].join('\n');
  const { rows, problems } = parseDataset(text);
  assert.deepEqual(
    rows.map((r) => [r.y, r.tuple, r.proto, r.letters, r.line]),
    [
      [1, '10.0.0.1-1.2.3.4-80-tcp', 'tcp', '11,a,a,', 1],
      [0, '10.0.0.1-5.6.7.8-443-tcp', 'tcp', '4.U.', 2],
      [1, '10.0.0.2-9.9.9.9-5552-tcp', 'tcp', '99,i', 6],
    ],
  );
  assert.deepEqual(problems, [
    { line: 3, reason: 'no label' },
    { line: 4, reason: "expected 4 fields separated by '|', got 1" },
  ]);
});
