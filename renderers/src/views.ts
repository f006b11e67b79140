// One DOM view per slips payload kind (kernel/protocol.ts). Every string is placed with textContent.
import type {
  ErrorPayload,
  ExplainPayload,
  LettersPayload,
  LoadPayload,
  Payload,
  ProfilePayload,
  ScalarPayload,
  TablePayload,
  TimelinePayload,
} from '../../kernel/protocol';
import { el, formatValue, heading, isoTime, shown, table } from './dom';

export function view(p: Payload): HTMLElement {
  switch (p.kind) {
    case 'table':
      return tableView(p);
    case 'scalar':
      return scalarView(p);
    case 'profile':
      return profileView(p);
    case 'timeline':
      return timelineView(p);
    case 'letters':
      return lettersView(p);
    case 'explain':
      return explainView(p);
    case 'load':
      return loadView(p);
    case 'error':
      return errorView(p);
    default:
      return otherView(p);
  }
}

function tableView(p: TablePayload): HTMLElement {
  const d = el('div', 'slips-kind-table');
  d.append(heading(p.title, shown(p.total, p.rows.length)), table(p.columns, p.rows));
  return d;
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
function timelineView(p: TimelinePayload): HTMLElement {
  const d = el('div', 'slips-kind-timeline');
  const first = p.rows.length ? p.offset + 1 : 0;
  d.append(
    heading(
      `timeline of ${p.ip}${p.tw === null ? '' : ` in tw ${p.tw}`}`,
      `(entries ${first}–${p.offset + p.rows.length} of ${p.total})`,
    ),
  );
  const filter = el('input', 'slips-filter');
  filter.type = 'search';
  filter.placeholder = 'filter';
  const rows = el('div', 'slips-timeline-rows');
  const detail = el('div', 'slips-timeline-detail');
  detail.hidden = true;
  const lines = p.rows.map((r) => {
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
    return line;
  });
  rows.append(...lines);
  filter.addEventListener('input', () => {
    const q = filter.value.toLowerCase();
    lines.forEach((l) => (l.hidden = q !== '' && !(l.textContent ?? '').toLowerCase().includes(q)));
  });
  d.append(filter, rows, detail);
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
