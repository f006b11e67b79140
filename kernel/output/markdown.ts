// Markdown fallbacks of every result, readable on GitHub, in Jupyter or any viewer without our renderers.
// A capture can come from an attacker, so every string put into markdown goes through `inert` first:
// it can only ever read as the text it is, never as HTML, a link, an image, emphasis, code or a table cell.
import { isoUtc } from '../../engine/output/format/time';
import {
  type BlockingPayload,
  type CapturePayload,
  type ColumnInfo,
  type Payload,
  type TablePayload,
  type Value,
} from '../protocol';

/** Markdown and HTML characters → escapes or entities; line breaks → spaces; control characters shown as \xNN. */
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '|': '\\|',
  '\\': '\\\\',
  '`': '\\`',
  '*': '\\*',
  _: '\\_',
  '[': '\\[',
  ']': '\\]',
  '(': '\\(',
  ')': '\\)',
  '!': '\\!',
  '~': '\\~',
  '#': '\\#',
  $: '\\$',
  '\n': ' ',
  '\r': ' ',
};

const SPECIAL = /[&<>"|\\`*_[\]()!~#$\n\r\u0000-\u001f\u007f]/g;

export function inert(s: string): string {
  return s.replace(SPECIAL, (c) => ESCAPES[c] ?? `\\\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1e6) / 1e6);
}

export function cell(v: Value, type: ColumnInfo['type']): string {
  if (v === null) return '';
  if (typeof v === 'number') return type === 'time' ? inert(isoUtc(v)) : formatNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return inert(v.map(String).join(', '));
  return inert(String(v));
}

export function table(columns: readonly ColumnInfo[], rows: readonly (readonly Value[])[]): string {
  if (columns.length === 0) return '';
  const head = `| ${columns.map((c) => inert(c.name)).join(' | ')} |`;
  const rule = `|${columns.map((c) => (c.type === 'number' ? ' ---: ' : ' --- ')).join('|')}|`;
  const body = rows.map((r) => `| ${r.map((v, i) => cell(v, columns[i]!.type)).join(' | ')} |`);
  return [head, rule, ...body].join('\n');
}

function shown(total: number, rows: number): string {
  return total > rows
    ? `showing the first ${rows} of ${total} rows`
    : `${total} row${total === 1 ? '' : 's'}`;
}

function tableMarkdown(p: TablePayload): string {
  if (p.total === 0) return `**${inert(p.title)}**: no rows`;
  return `**${inert(p.title)}** (${shown(p.total, p.rows.length)})\n\n${table(p.columns, p.rows)}`;
}

function keyValues(
  pairs: readonly (readonly [string, Value])[],
  valueType: ColumnInfo['type'] = 'string',
): string {
  return table(
    [
      { name: 'field', type: 'string' },
      { name: 'value', type: valueType },
    ],
    pairs.map(([k, v]) => [k, v]),
  );
}

const num = (name: string): ColumnInfo => ({ name, type: 'number' });
const str = (name: string): ColumnInfo => ({ name, type: 'string' });
const time = (name: string): ColumnInfo => ({ name, type: 'time' });

export function markdown(p: Payload): string {
  switch (p.kind) {
    case 'table':
      return tableMarkdown(p);
    case 'scalar':
      return `**${inert(p.title)}**: ${inert(p.label)} = ${formatNumber(p.value)}`;
    case 'load':
      return [
        `**Loaded** ${inert(p.input)} (${inert(p.format)})`,
        '',
        keyValues([
          ['records read', p.recordsRead],
          ['parsed', p.recordsParsed],
          ['skipped', p.recordsSkipped],
          ['rejected', p.recordsRejected],
          ...Object.entries(p.recordsByKind).map(([k, v]) => [`${k} records`, v] as const),
          ['profiles', p.profiles],
          ['time windows', p.timewindows],
          ['evidence', p.evidence],
          ['alerts', p.alerts],
          ['first flow', p.firstTs === null ? '' : isoUtc(p.firstTs)],
          ['last flow', p.lastTs === null ? '' : isoUtc(p.lastTs)],
          ['window width (s)', p.width],
          ['direction', p.direction],
        ]),
        ...(p.problems.length ? ['', '**Problems**', '', ...p.problems.map((x) => `- ${inert(x)}`)] : []),
      ].join('\n');
    case 'profile':
      return [
        `**Profile ${inert(p.ip)}**, first seen ${inert(isoUtc(p.firstSeen))}`,
        '',
        Object.keys(p.info).length ? keyValues(Object.entries(p.info)) : 'No host facts learnt.',
        '',
        `**Time windows** (${shown(p.windowsTotal, p.windows.length)})`,
        '',
        table(
          [
            num('tw'),
            time('start'),
            num('flows'),
            num('records'),
            num('bytes'),
            num('peers'),
            num('dstPorts'),
            num('evidence'),
            num('alerts'),
          ],
          p.windows.map((w) => [
            w.tw,
            w.start,
            w.flows,
            w.records,
            w.bytes,
            w.peers,
            w.dstPorts,
            w.evidence,
            w.alerts,
          ]),
        ),
        '',
        Object.keys(p.evidenceByType).length
          ? `**Evidence by type**\n\n${table([str('type'), num('count')], Object.entries(p.evidenceByType))}`
          : 'No evidence.',
        '',
        p.alerts.length
          ? `**Alerts**\n\n${table(
              [
                str('id'),
                num('tw'),
                num('accumulated'),
                str('threat level'),
                num('evidence'),
                time('last flow'),
              ],
              p.alerts.map((a) => [
                a.id,
                a.tw,
                a.accumulatedThreatLevel,
                a.threatLevel,
                a.evidence,
                a.lastFlowTime,
              ]),
            )}`
          : 'No alerts.',
      ].join('\n');
    case 'timeline': {
      const what = `**Timeline of ${inert(p.ip)}${p.tw === null ? '' : `, time window ${p.tw}`}**`;
      if (p.total === 0) return `${what}: no connections`;
      return `${what} (${shown(p.total, p.rows.length)})\n\n${table(
        [num('tw'), str('entry')],
        p.rows.map((r) => [r.tw, r.line]),
      )}`;
    }
    case 'letters': {
      const what = `**Behavioural letters of ${inert(p.ip)}**`;
      if (p.total === 0) return `${what}: no tuples`;
      return `${what} (${shown(p.total, p.rows.length)})\n\n${table(
        [num('tw'), str('direction'), str('tuple'), num('flows'), str('letters')],
        p.rows.map((r) => [r.tw, r.direction, r.tuple, r.flows, r.letters]),
      )}`;
    }
    case 'explain': {
      const e = p.evidence;
      return [
        `**Evidence ${inert(e.type)}** ${inert(e.id)}`,
        '',
        `Description: ${inert(e.description)}`,
        '',
        keyValues([
          ['profile', e.profile],
          ['time window', e.tw],
          ['time', isoUtc(e.timestamp)],
          ['threat level', e.threatLevel],
          ['confidence', e.confidence],
          ['attacker', e.attacker],
          ['victim', e.victim],
          ['module', e.module],
          ['uids kept', e.uids],
        ]),
        '',
        Object.keys(p.facts).length
          ? `**Facts**\n\n${keyValues(Object.entries(p.facts))}`
          : 'No facts recorded.',
        '',
        tableMarkdown(p.flows),
        '',
        p.alerts.length ? `**In alerts**: ${p.alerts.map(inert).join(', ')}` : 'Not part of an alert.',
      ].join('\n');
    }
    case 'chart':
      // The SVG cannot be inlined into markdown safely everywhere; the points read as a table instead.
      return tableMarkdown({ ...p.data, title: `Chart: ${p.title}` });
    case 'export':
      return `**Exported** ${p.rows} row${p.rows === 1 ? '' : 's'} (${p.columns.length} columns) to ${inert(p.path)} as ${inert(p.format)}, ${p.bytes} bytes`;
    case 'capture':
      return captureMarkdown(p);
    case 'blocking':
      return blockingMarkdown(p);
    case 'error':
      return `**Error**${p.line === null ? '' : ` at ${p.line}:${p.col}`}: ${inert(p.message)}`;
  }
}

const STOPPED_BY: Record<CapturePayload['stoppedBy'], string> = {
  duration: 'at the end of its duration',
  interrupt: 'by an interrupt',
  'tcpdump exited': 'because tcpdump exited by itself',
};

function captureMarkdown(p: CapturePayload): string {
  const filter = p.filter ? ` (filter ${inert(p.filter)})` : '';
  const counts =
    p.packetsCaptured === null
      ? 'tcpdump reported no packet counts'
      : `tcpdump: ${p.packetsCaptured} packets captured, ${p.packetsReceivedByFilter} received by filter, ${p.packetsDroppedByKernel} dropped by kernel`;
  return [
    `**Captured** on ${inert(p.iface)}${filter}, stopped ${STOPPED_BY[p.stoppedBy]}; ${counts}`,
    '',
    markdown(p.load),
    ...(p.blocking ? ['', blockingMarkdown(p.blocking)] : []),
  ].join('\n');
}

function blockingMarkdown(p: BlockingPayload): string {
  const how =
    p.mode === 'dry-run'
      ? `dry run: ${inert(p.backend)} commands logged, firewall unchanged`
      : p.applied
        ? `blocked with ${inert(p.backend)}`
        : 'blocking was off (see the log)';
  const at = p.trafficTime === null ? 'no traffic yet' : `traffic time ${inert(isoUtc(p.trafficTime))}`;
  const blocks = p.blocks.length
    ? table(
        [str('ip'), time('since'), time('until'), num('remaining (s)'), num('extensions'), num('tw')],
        p.blocks.map((b) => [b.ip, b.since, b.until, b.remaining, b.extensions, b.tw]),
      )
    : 'No address was blocked when the capture stopped.';
  const log = p.log.length
    ? [
        '',
        `**Blocking log** (${p.logTotal > p.log.length ? `the last ${p.log.length} of ${p.logTotal} lines` : `${p.logTotal} lines`})`,
        '',
        ...p.log.map((l) => `- ${inert(l)}`),
      ]
    : [];
  return [
    `**Blocking** on ${inert(p.iface)} (${how}; ${at} when the capture stopped)`,
    '',
    blocks,
    ...log,
  ].join('\n');
}
