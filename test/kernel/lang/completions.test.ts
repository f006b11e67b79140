// Editor support data: completions at a cursor (written `‸` in the cases), hover docs, diagnostics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completions, diagnostics, hover, type SessionFacts } from '../../../kernel/lang/completions';

const FACTS: SessionFacts = {
  ips: ['10.0.0.1', '192.168.2.12'],
  evidenceTypes: ['HORIZONTAL_PORT_SCAN', 'UNKNOWN_PORT'],
  evidenceIds: ['003e7f17-3e94'],
};

function labels(cell: string): string[] {
  const offset = cell.indexOf('‸');
  return completions(cell.replace('‸', ''), offset, FACTS).items.map((i) => i.label);
}

test('completions follow where the cursor stands', () => {
  const cases: [string, (l: string[]) => boolean][] = [
    ['‸', (l) => l.includes('load') && l.includes('flows') && l.includes('chart') && l.includes('detect')],
    ['fl‸', (l) => l.join() === 'flows'],
    ['flows | ‸', (l) => l.includes('where') && l.includes('chart') && l.includes('export')],
    ['flows | where dpo‸', (l) => l.join() === 'dport'],
    ['flows | where dport ‸', (l) => l.includes('==') && l.includes('contains')],
    ['flows | where saddr == ‸', (l) => l.join() === '10.0.0.1,192.168.2.12'],
    ['evidence | where type == H‸', (l) => l.join() === 'HORIZONTAL_PORT_SCAN'],
    ['dns | where qu‸', (l) => l.join() === 'query'],
    ['flows | count by dport | sort ‸', (l) => l.join() === 'dport,count'],
    ['flows | count ‸', (l) => l.join() === 'by'],
    ['flows\n| sort bytes ‸', (l) => l.join() === 'asc,desc'],
    ['flows | count by proto | chart bar x=‸', (l) => l.join() === 'proto,count'],
    ['flows | export ‸', (l) => l.join() === 'arrow,csv,parquet'],
    ['profile 19‸', (l) => l.join() === '192.168.2.12'],
    ['timeline 10.0.0.1 ‸', (l) => l.join() === 'tw'],
    ['explain ‸', (l) => l.join() === '003e7f17-3e94'],
    ['chart ‸', (l) => l.join() === 'flows,bytes,destinations,evidence'],
    ['chart flows ‸', (l) => l.join() === 'over'],
    ['chart flows over ‸', (l) => l.join() === 'time'],
    ['chart evidence over ‸', (l) => l.join() === 'windows'],
    ['chart destinations of ‸', (l) => l.join() === '10.0.0.1,192.168.2.12'],
    ['chart bytes by ‸', (l) => l.includes('dport') && l.includes('daddr')],
    ['detect ‸', (l) => l.includes('portscan') && l.includes('flow_alerts')],
    ['detect portscan ‸', (l) => l.join() === 'threshold=,on'],
    ['detect flow_alerts ‸', (l) => l.join() === 'on'],
    ['load x.log ‸', (l) => l.join() === 'width=,direction=,config=,disable='],
    ['load x.log direction=‸', (l) => l.join() === 'out,all'],
    ['load x.log disable=flow_alerts,U‸', (l) => l.join() === 'UNKNOWN_PORT'],
    ['flows | count\nprofile ‸', (l) => l.join() === '10.0.0.1,192.168.2.12'],
    ['flows | where uri contains "unclosed ‸', (l) => l.length === 0],
  ];
  for (const [cell, ok] of cases) assert.ok(ok(labels(cell)), `${cell} → ${labels(cell).join(',')}`);
});

test('completions say which part of the text they replace', () => {
  const c = completions('flows | where dp', 16, FACTS);
  assert.deepEqual([c.from, c.to], [14, 16]);
  assert.equal(c.items[0]!.kind, 'field');
});

test('hover documents keywords and nothing else', () => {
  const h = hover('flows | where dport == 1', 10)!;
  assert.deepEqual([h.from, h.to], [8, 13]);
  assert.match(h.markdown, /keep the rows/);
  assert.match(hover('detect portscan', 9)!.markdown, /vertical and horizontal port scans/);
  assert.equal(hover('flows | where dport == 1', 16), undefined);
  assert.equal(hover('constructor', 3), undefined);
});

test('diagnostics: the parse error and unknown fields, with ranges', () => {
  assert.deepEqual(diagnostics('flows | count by dport | top 10\nprofile 10.0.0.1'), []);
  const [d] = diagnostics('flows | where dprot == 443');
  assert.deepEqual([d!.line, d!.col, d!.endLine, d!.endCol], [1, 15, 1, 20]);
  assert.match(d!.message, /flows has no field 'dprot'. Did you mean 'dport'\?/);
  const [e] = diagnostics('load x\nflows | wher a == 1');
  assert.deepEqual([e!.line, e!.col, e!.offset, e!.end], [2, 9, 15, 19]);
  assert.match(e!.message, /unknown stage 'wher'/);
  const [f] = diagnostics('flows | count by proto | sort bytes');
  assert.match(f!.message, /flows by proto has no field 'bytes'/);
  const [g] = diagnostics('chart bytes by dprt');
  assert.match(g!.message, /Did you mean 'dport'/);
  const [h] = diagnostics('flows | where');
  assert.deepEqual([h!.line, h!.col, h!.end - h!.offset], [1, 14, 1]);
});
