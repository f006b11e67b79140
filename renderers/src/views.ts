// One DOM view per slips payload kind (kernel/protocol.ts). Every string is placed with textContent.
import {
  MAX_PAGE,
  type BlockingPayload,
  type CapturePayload,
  type ErrorPayload,
  type ExplainPayload,
  type LettersPayload,
  type LoadPayload,
  type Payload,
  type ProfilePayload,
  type ScalarPayload,
  type TablePayload,
  type PageResult,
  type TimelinePayload,
  type TimelineRow,
} from '../../kernel/protocol';
import { appendRows, el, formatValue, heading, isoTime, shown, table } from './dom';
import type { FetchPage } from './paging';

/** `fetch` asks for more rows of a large result; without it an output shows the rows it carries. */
export function view(p: Payload, fetch?: FetchPage): HTMLElement {
  switch (p.kind) {
    case 'table':
      return tableView(p, fetch);
    case 'scalar':
      return scalarView(p);
    case 'profile':
      return profileView(p);
    case 'timeline':
      return timelineView(p, fetch);
    case 'letters':
      return lettersView(p);
    case 'explain':
      return explainView(p);
    case 'load':
      return loadView(p);
    case 'capture':
      return captureView(p);
    case 'blocking':
      return blockingView(p);
    case 'error':
      return errorView(p);
    default:
      return otherView(p);
  }
}

function tableView(p: TablePayload, fetch?: FetchPage): HTMLElement {
  const d = el('div', 'slips-kind-table');
  const title = heading(p.title, shown(p.total, p.rows.length));
  const t = table(p.columns, p.rows);
  d.append(title, t);
  let count = p.rows.length;
  const button = moreButton(
    p.resultId,
    p.total,
    () => count,
    fetch,
    (page) => {
      if (page.kind !== 'table') return;
      appendRows(t, p.columns, page.rows);
      count += page.rows.length;
      setNote(title, shown(p.total, count));
    },
  );
  if (button) d.append(button);
  return d;
}

/** A heading's note after more rows came (heading() puts the note in its own span). */
function setNote(h: HTMLElement, note: string): void {
  const span = h.querySelector('.slips-note');
  if (span) span.textContent = ` ${note}`;
}

/**
 * "Show more" under a result that has rows beyond those its output carries: each click asks the
 * kernel for the next page; a refusal (the result is no longer kept) is shown in place of the button.
 */
function moreButton(
  resultId: string | undefined,
  total: number,
  count: () => number,
  fetch: FetchPage | undefined,
  add: (page: PageResult) => void,
): HTMLElement | undefined {
  if (!resultId || !fetch || count() >= total) return undefined;
  const box = el('div', 'slips-more');
  const button = el('button', 'slips-more-button');
  const label = () => `show ${Math.min(MAX_PAGE, total - count())} more (${total - count()} not shown)`;
  button.textContent = label();
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const page = await fetch(resultId, count(), MAX_PAGE);
      add(page);
      if (count() >= total || page.rows.length === 0) box.remove();
      else button.textContent = label();
    } catch (err) {
      box.replaceChildren(el('div', 'slips-error', (err as Error).message));
    } finally {
      button.disabled = false;
    }
  });
  box.append(button);
  return box;
}

function scalarView(p: ScalarPayload): HTMLElement {
  const d = el('div', 'slips-kind-scalar');
  d.append(heading(p.title), el('div', 'slips-scalar', `${p.label}: ${formatValue(p.value, 'number')}`));
  return d;
}

function badge(level: string): HTMLElement {
  return el('span', `slips-badge slips-level-${level.replace(/[^a-z]/g, '')}`, level);
}

function profileView(p: ProfilePayload): HTMLElement {
  const d = el('div', 'slips-kind-profile');
  d.append(heading(`profile ${p.ip}`, `first seen ${isoTime(p.firstSeen)}`));
  const info = Object.entries(p.info);
  if (info.length) d.append(table([{ name: 'fact' }, { name: 'value' }], info));
  d.append(
    heading('time windows', shown(p.windowsTotal, p.windows.length)),
    table(
      [
        { name: 'tw', type: 'number' },
        { name: 'start', type: 'time' },
        { name: 'flows', type: 'number' },
        { name: 'bytes', type: 'number' },
        { name: 'peers', type: 'number' },
        { name: 'dstPorts', type: 'number' },
        { name: 'evidence', type: 'number' },
        { name: 'alerts', type: 'number' },
      ],
      p.windows.map((w) => [w.tw, w.start, w.flows, w.bytes, w.peers, w.dstPorts, w.evidence, w.alerts]),
    ),
  );
  const types = Object.entries(p.evidenceByType);
  if (types.length)
    d.append(
      heading('evidence by type'),
      table([{ name: 'type' }, { name: 'count', type: 'number' }], types),
    );
  if (p.alerts.length) {
    d.append(heading('alerts'));
    const list = el('div', 'slips-alerts');
    for (const a of p.alerts) {
      const row = el('div', 'slips-alert');
      row.append(
        badge(a.threatLevel),
        el(
          'span',
          undefined,
          `tw ${a.tw}: ${a.evidence} evidence, accumulated threat ${a.accumulatedThreatLevel} (${a.id})`,
        ),
      );
      list.append(row);
    }
    d.append(list);
  }
  return d;
}

/** The timeline: a filter box and one line per entry; a click shows the entry's keys. */
function timelineView(p: TimelinePayload, fetch?: FetchPage): HTMLElement {
  const d = el('div', 'slips-kind-timeline');
  const first = p.rows.length ? p.offset + 1 : 0;
  const title = `timeline of ${p.ip}${p.tw === null ? '' : ` in tw ${p.tw}`}`;
  const head = heading(title, `(entries ${first}–${p.offset + p.rows.length} of ${p.total})`);
  d.append(head);
  const filter = el('input', 'slips-filter');
  filter.type = 'search';
  filter.placeholder = 'filter';
  const rows = el('div', 'slips-timeline-rows');
  const detail = el('div', 'slips-timeline-detail');
  detail.hidden = true;
  const lines: HTMLElement[] = [];
  const matches = (l: HTMLElement) => {
    const q = filter.value.toLowerCase();
    return q === '' || (l.textContent ?? '').toLowerCase().includes(q);
  };
  const addLines = (entries: readonly TimelineRow[]) => {
    for (const r of entries) {
      const line = el('div', 'slips-timeline-row', `${isoTime(r.ts)}  tw ${r.tw}  ${r.line}`);
      line.addEventListener('click', () => {
        for (const l of rows.children) l.classList.remove('selected');
        line.classList.add('selected');
        detail.replaceChildren(
          table(
            [{ name: 'key' }, { name: 'value' }],
            Object.entries(r.activity).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
          ),
        );
        detail.hidden = false;
      });
      line.hidden = !matches(line);
      lines.push(line);
      rows.append(line);
    }
  };
  addLines(p.rows);
  filter.addEventListener('input', () => lines.forEach((l) => (l.hidden = !matches(l))));
  d.append(filter, rows);
  const button = moreButton(
    p.resultId,
    p.total,
    () => p.offset + lines.length,
    fetch,
    (page) => {
      if (page.kind !== 'timeline') return;
      addLines(page.rows);
      setNote(head, `(entries ${first}–${p.offset + lines.length} of ${p.total})`);
    },
  );
  if (button) d.append(button);
  d.append(detail);
  return d;
}

function lettersView(p: LettersPayload): HTMLElement {
  const d = el('div', 'slips-kind-letters');
  d.append(
    heading(`letters of ${p.ip}`, shown(p.total, p.rows.length)),
    table(
      [
        { name: 'tw', type: 'number' },
        { name: 'direction' },
        { name: 'tuple' },
        { name: 'flows', type: 'number' },
        { name: 'letters' },
      ],
      p.rows.map((r) => [r.tw, r.direction, r.tuple, r.flows, r.letters]),
    ),
  );
  return d;
}

function explainView(p: ExplainPayload): HTMLElement {
  const e = p.evidence;
  const d = el('div', 'slips-kind-explain');
  const title = heading(`${e.type} `);
  title.append(badge(e.threatLevel), el('span', 'slips-note', `confidence ${e.confidence}, ${e.id}`));
  d.append(title, el('div', undefined, e.description));
  d.append(
    table(
      [{ name: 'field' }, { name: 'value' }],
      [
        ['profile', e.profile],
        ['time window', String(e.tw)],
        ['time', isoTime(e.timestamp)],
        ['attacker', e.attacker],
        ['victim', e.victim ?? ''],
        ['module', e.module],
        ...Object.entries(p.facts).map(([k, v]): [string, string] => [k, String(v)]),
      ],
    ),
  );
  d.append(tableView(p.flows));
  if (p.alerts.length) d.append(el('div', undefined, `alerts: ${p.alerts.join(', ')}`));
  return d;
}

function loadView(p: LoadPayload): HTMLElement {
  const d = el('div', 'slips-kind-load');
  d.append(heading(`loaded ${p.input}`, `(${p.format})`));
  const rows: [string, string][] = [
    ['records read', String(p.recordsRead)],
    ['parsed', String(p.recordsParsed)],
    ['skipped', String(p.recordsSkipped)],
    ['rejected', String(p.recordsRejected)],
    ...Object.entries(p.recordsByKind).map(([k, n]): [string, string] => [`${k} records`, String(n)]),
    ['profiles', String(p.profiles)],
    ['time windows', String(p.timewindows)],
    ['evidence', String(p.evidence)],
    ['alerts', String(p.alerts)],
    ['first flow', p.firstTs === null ? '' : isoTime(p.firstTs)],
    ['last flow', p.lastTs === null ? '' : isoTime(p.lastTs)],
    ['window width (s)', String(p.width)],
    ['direction', p.direction],
  ];
  d.append(table([{ name: 'field' }, { name: 'value' }], rows));
  if (p.problems.length) {
    d.append(heading('problems'));
    for (const m of p.problems) d.append(el('div', 'slips-error', m));
  }
  return d;
}

/** What a live capture read and found, then its blocking (if the cell asked for it). */
function captureView(p: CapturePayload): HTMLElement {
  const d = el('div', 'slips-kind-capture');
  d.append(heading(`captured on ${p.iface}`, p.filter ? `(filter ${p.filter})` : undefined));
  const count = (n: number | null) => (n === null ? '' : String(n));
  d.append(
    table(
      [{ name: 'field' }, { name: 'value' }],
      [
        ['duration asked (s)', p.duration === null ? 'until interrupted' : String(p.duration)],
        ['stopped by', p.stoppedBy],
        ['packets captured', count(p.packetsCaptured)],
        ['packets received by filter', count(p.packetsReceivedByFilter)],
        ['packets dropped by kernel', count(p.packetsDroppedByKernel)],
      ],
    ),
    loadView(p.load),
  );
  if (p.blocking) d.append(blockingView(p.blocking));
  return d;
}

/** The blocks in force when a capture stopped and the tail of blocking.log, all as text. */
function blockingView(p: BlockingPayload): HTMLElement {
  const d = el('div', 'slips-kind-blocking');
  const how = p.mode === 'dry-run' ? 'dry run, commands only logged' : p.applied ? 'applied' : 'not applied';
  d.append(heading(`blocking on ${p.iface}`, `(${p.backend}, ${how})`));
  d.append(
    el(
      'div',
      'slips-note',
      `traffic time ${p.trafficTime === null ? 'none (no flow came)' : isoTime(p.trafficTime)}`,
    ),
    heading('blocks', shown(p.blocks.length, p.blocks.length)),
    table(
      [
        { name: 'ip' },
        { name: 'since', type: 'time' },
        { name: 'until', type: 'time' },
        { name: 'remaining (s)', type: 'number' },
        { name: 'extensions', type: 'number' },
        { name: 'tw', type: 'number' },
      ],
      p.blocks.map((b) => [b.ip, b.since, b.until, b.remaining, b.extensions, b.tw]),
    ),
    heading(
      `log ${p.logFile}`,
      p.logTotal > p.log.length ? `(last ${p.log.length} of ${p.logTotal} lines)` : undefined,
    ),
  );
  const log = el('div', 'slips-log');
  for (const line of p.log) log.append(el('div', undefined, line));
  d.append(log);
  return d;
}

function errorView(p: ErrorPayload): HTMLElement {
  const where = p.line === null ? '' : `${p.line}:${p.col ?? 1}: `;
  return el('div', 'slips-error slips-kind-error', `${where}${p.message}`);
}

/** A kind this renderer does not know yet: its fields as text, never as markup. */
function otherView(p: { kind: string }): HTMLElement {
  const d = el('div', `slips-kind-other`);
  d.append(
    heading(p.kind),
    table(
      [{ name: 'field' }, { name: 'value' }],
      Object.entries(p).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    ),
  );
  return d;
}
