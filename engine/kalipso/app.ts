// Kalipso's screen (8.1): a tree of profiles and their time windows (red and marked `!` where alerts
// are), the timeline and evidence of the selected window, a strip of host facts, the hotkey views, and
// the help bar. Everything it shows comes from a KalipsoSource, so the same screen can read a store.
import blessed, { type Widgets } from 'blessed';
import { fileStamp } from '../output/format/time';
import type { TimelineEntry } from '../output/timeline/activity';
import { evidenceModel } from './evidenceLines';
import { HOTKEY_VIEWS, type HotkeyView, type Selection } from './hotkeys';
import type { KalipsoSource, ProfileNode, WindowNode } from './source';
import { METRICS, type Metric } from './tableModels';
import { Painter, type Line } from './text';
import { entryRow, rowCount } from './timelineRows';
import { rowIndex } from './rowIndex';
import { EMPTY_MODEL, VirtualList, type ListModel } from './virtualList';

type TreeRow = { kind: 'profile'; p: ProfileNode } | { kind: 'window'; p: ProfileNode; w: WindowNode };

const HELP_BAR = 'e d r f t i y views  z all evidence  o reload  h help  tab pane  ESC main  q quit';
/** Rows above the panes: the title line and the facts strip (with its border). */
const HEAD = 4;

export interface KalipsoOptions {
  colour: boolean;
  output?: Widgets.IScreenOptions['output'];
  input?: Widgets.IScreenOptions['input'];
}

export class KalipsoApp {
  private readonly screen: Widgets.Screen;
  private readonly painter: Painter;
  private readonly title: Widgets.BoxElement;
  private readonly facts: Widgets.BoxElement;
  private readonly helpBar: Widgets.BoxElement;
  private readonly tree: VirtualList;
  private readonly timeline: VirtualList;
  private readonly evidence: VirtualList;
  private readonly viewBox: Widgets.BoxElement;
  private viewLists: VirtualList[] = [];
  private view: HotkeyView | undefined;
  private metric: Metric = 'bytes';
  private profiles: ProfileNode[] = [];
  private readonly expanded = new Set<string>();
  private rows: TreeRow[] = [];
  /** Bumped on every selection, so a slow answer for an older one is dropped. */
  private token = 0;
  private viewToken = 0;
  private done: (() => void) | undefined;
  private closed = false;

  constructor(
    private readonly source: KalipsoSource,
    o: KalipsoOptions,
  ) {
    this.painter = new Painter(o.colour);
    this.screen = blessed.screen({
      smartCSR: true,
      title: 'Kalipso',
      warnings: false,
      input: o.input,
      output: o.output,
    });
    const screen = this.screen;
    this.title = blessed.box({ parent: screen, top: 0, left: 0, width: '100%', height: 1, tags: true });
    this.facts = blessed.box({
      parent: screen,
      top: 1,
      left: 0,
      width: '100%',
      height: 3,
      tags: true,
      border: { type: 'line' },
      label: ' Profile ',
    });
    this.helpBar = blessed.box({ parent: screen, bottom: 0, left: 0, width: '100%', height: 1, tags: true });
    const pane = { parent: screen, painter: this.painter, top: HEAD, left: 0, width: 1, height: 1 };
    this.tree = new VirtualList({
      ...pane,
      label: 'IPs',
      position: false,
      onSelect: (i) => void this.selectRow(i),
      onEnter: (i) => this.toggle(i),
    });
    this.timeline = new VirtualList({ ...pane, label: 'Timeline' });
    this.evidence = new VirtualList({ ...pane, label: 'Evidence' });
    this.viewBox = blessed.box({ parent: screen, top: 1, left: 0, width: '100%', height: 1, hidden: true });
    this.layout();
    this.bindKeys();
    screen.on('resize', () => {
      this.layout();
      screen.render();
    });
  }

  /** Shows the first profiles and resolves when the user quits. */
  async run(): Promise<void> {
    await this.reload();
    this.tree.box.focus();
    this.redraw();
    await new Promise<void>((resolve) => (this.done = resolve));
  }

  /** Re-reads the profiles and the selected window (key `o`, and the refresh of a growing analysis). */
  async reload(views = true): Promise<void> {
    if (this.closed) return;
    const keep = this.rows[this.tree.selected];
    this.profiles = await this.source.profiles();
    this.buildRows();
    const at = keep ? this.rows.findIndex((r) => sameRow(r, keep)) : 0;
    this.tree.selected = Math.max(0, at);
    this.tree.setModel(this.treeModel(), `IPs (${this.profiles.length})`, true);
    // The same row stays where the user scrolled it, as a growing analysis refreshes every few seconds.
    const now = this.rows[this.tree.selected];
    await this.selectRow(this.tree.selected, keep !== undefined && now !== undefined && sameRow(keep, now));
    // An open view is re-read on `o` only: the periodic refresh would throw away where the user scrolled.
    if (this.view && views) await this.openView(this.view);
    this.redraw();
  }

  private quit(): void {
    this.closed = true;
    this.screen.destroy();
    this.done?.();
  }

  private bindKeys(): void {
    const s = this.screen;
    s.key(['q', 'C-c'], () => this.quit());
    s.key(['escape'], () => this.showMain());
    s.key(['o'], () => void this.reload(true));
    s.key(['tab'], () => this.nextPane());
    s.key(['b'], () => {
      this.metric = METRICS[(METRICS.indexOf(this.metric) + 1) % METRICS.length]!;
      if (this.view) void this.openView(this.view);
    });
    for (const v of HOTKEY_VIEWS) s.key([v.key], () => void this.openView(v));
  }

  private layout(): void {
    const w = Number(this.screen.width);
    const h = Number(this.screen.height);
    const body = Math.max(4, h - HEAD - 1);
    const treeWidth = Math.max(20, Math.min(44, Math.floor(w * 0.3)));
    const timelineHeight = Math.max(3, Math.ceil(body * 0.62));
    place(this.tree.box, HEAD, 0, treeWidth, body);
    place(this.timeline.box, HEAD, treeWidth, w - treeWidth, timelineHeight);
    place(this.evidence.box, HEAD + timelineHeight, treeWidth, w - treeWidth, body - timelineHeight);
    place(this.viewBox, 1, 0, w, h - 2);
    const half = Math.ceil((h - 2) / 2);
    this.viewLists.forEach((l, i, all) =>
      all.length === 1 ? place(l.box, 0, 0, w, h - 2) : place(l.box, i * half, 0, w, i ? h - 2 - half : half),
    );
    for (const l of [this.tree, this.timeline, this.evidence, ...this.viewLists]) l.draw();
    this.redraw(false);
  }

  private redraw(render = true): void {
    const w = Number(this.screen.width);
    const status = this.source.status();
    this.title.setContent(
      this.painter.paint(
        [{ text: 'Kalipso ', style: 'header' }, { text: `${this.source.title}  ${status}` }],
        w,
      ),
    );
    this.helpBar.setContent(this.painter.paint([{ text: HELP_BAR }], w));
    if (render) this.screen.render();
  }

  private showMain(): void {
    this.viewToken++;
    this.view = undefined;
    this.viewBox.hide();
    for (const l of this.viewLists) l.box.destroy();
    this.viewLists = [];
    for (const l of [this.tree, this.timeline, this.evidence]) l.box.show();
    this.facts.show();
    this.tree.box.focus();
    this.layout();
    this.screen.render();
  }

  private async openView(v: HotkeyView): Promise<void> {
    const token = ++this.viewToken;
    this.view = v;
    const tables = await v.tables(this.source, this.selection(), this.metric);
    // Keys typed faster than a source answers: only the last view asked for is shown.
    if (token !== this.viewToken || this.closed) return;
    for (const l of this.viewLists) l.box.destroy();
    for (const l of [this.tree, this.timeline, this.evidence]) l.box.hide();
    this.facts.hide();
    this.viewBox.show();
    this.viewLists = tables.map(
      (t) =>
        new VirtualList({
          parent: this.viewBox,
          painter: this.painter,
          label: `${v.key}: ${t.title}`,
          top: 0,
          left: 0,
          width: 1,
          height: 1,
        }),
    );
    this.viewLists.forEach((l, i) => l.setModel(tables[i]!.model));
    this.viewLists[0]?.box.focus();
    this.layout();
    this.screen.render();
  }

  private nextPane(): void {
    const panes = this.view ? this.viewLists : [this.tree, this.timeline, this.evidence];
    if (!panes.length) return;
    const at = panes.findIndex((l) => l.box === this.screen.focused);
    panes[(at + 1) % panes.length]!.box.focus();
    for (const l of panes) l.draw();
    this.screen.render();
  }

  private selection(): Selection | undefined {
    const r = this.rows[this.tree.selected];
    if (!r) return undefined;
    return { ip: r.p.ip, tw: r.kind === 'window' ? r.w.number : undefined };
  }

  private buildRows(): void {
    this.rows = [];
    for (const p of this.profiles) {
      this.rows.push({ kind: 'profile', p });
      if (this.expanded.has(p.ip)) for (const w of p.windows) this.rows.push({ kind: 'window', p, w });
    }
  }

  private treeModel(): ListModel {
    const rows = this.rows;
    return {
      count: () => rows.length,
      line: (i) => treeLine(rows[i]!, this.expanded),
      empty: 'no profiles yet',
    };
  }

  private toggle(i: number): void {
    const r = this.rows[i];
    if (!r) return;
    if (r.kind === 'window') return this.timeline.box.focus();
    if (this.expanded.has(r.p.ip)) this.expanded.delete(r.p.ip);
    else this.expanded.add(r.p.ip);
    this.buildRows();
    this.tree.selected = this.rows.findIndex((x) => sameRow(x, r));
    this.tree.setModel(this.treeModel(), undefined, true);
    this.screen.render();
  }

  private async selectRow(i: number, keepPosition = false): Promise<void> {
    const token = ++this.token;
    const r = this.rows[i];
    if (!r) {
      this.facts.setContent('');
      this.timeline.setModel(EMPTY_MODEL, 'Timeline');
      this.evidence.setModel(EMPTY_MODEL, 'Evidence');
      return;
    }
    const facts = await this.source.facts(r.p.ip);
    if (token !== this.token) return;
    const w = Number(this.screen.width) - 2;
    const flows = r.p.windows.reduce((n, x) => n + x.flows, 0);
    const line: Line = [
      { text: r.p.ip, style: 'ip' },
      { text: `  windows:${r.p.windows.length} flows:${flows} alerts:${r.p.alerts}` },
      ...(r.kind === 'window' ? [{ text: `  TW ${r.w.number} from ${fileStamp(r.w.start)}` }] : []),
      ...facts.map(([k, v]) => ({ text: `  ${k}:${v}` })),
    ];
    this.facts.setContent(this.painter.paint(line, w));
    if (r.kind === 'profile') {
      const hint = {
        count: () => 0,
        line: () => [],
        empty: 'Enter opens the profile; select one of its windows',
      };
      this.timeline.setModel(hint, 'Timeline', keepPosition);
      this.evidence.setModel(EMPTY_MODEL, 'Evidence', keepPosition);
      this.screen.render();
      return;
    }
    const [entries, evidence] = await Promise.all([
      this.source.timeline(r.p.ip, r.w.number),
      this.source.evidence(r.p.ip, r.w.number),
    ]);
    if (token !== this.token) return;
    this.timeline.setModel(timelineModel(entries), `Timeline ${r.p.ip} TW ${r.w.number}`, keepPosition);
    this.evidence.setModel(
      evidenceModel(evidence, false, 'no evidence in this window'),
      'Evidence',
      keepPosition,
    );
    this.screen.render();
  }
}

function place(el: Widgets.BoxElement, top: number, left: number, width: number, height: number): void {
  el.top = top;
  el.left = left;
  el.width = Math.max(1, width);
  el.height = Math.max(1, height);
}

function sameRow(a: TreeRow, b: TreeRow): boolean {
  if (a.p.ip !== b.p.ip || a.kind !== b.kind) return false;
  return a.kind === 'profile' || a.w.number === (b as { w: WindowNode }).w.number;
}

function treeLine(r: TreeRow, expanded: ReadonlySet<string>): Line {
  if (r.kind === 'profile') {
    const mark = r.p.windows.length ? (expanded.has(r.p.ip) ? '[-] ' : '[+] ') : '    ';
    return r.p.alerts
      ? [{ text: mark }, { text: `${r.p.ip} !`, style: 'alert' }]
      : [{ text: mark }, { text: r.p.ip }];
  }
  const label = `timewindow${r.w.number}${r.w.open ? ' (open)' : ''}`;
  return r.w.alerts
    ? [{ text: '    ' }, { text: `${label} !`, style: 'alert' }]
    : [{ text: '    ' }, { text: label }];
}

function timelineModel(entries: readonly TimelineEntry[] | undefined): ListModel {
  if (!entries)
    return {
      count: () => 0,
      line: () => [],
      empty: 'this window is still open: its timeline appears when it closes',
    };
  const index = rowIndex(entries.length, (k) => rowCount(entries[k]!));
  return {
    count: () => index.count,
    line: (i) => entryRow(entries[index.item(i)]!, index.sub(i)),
    empty: 'no connections in this window',
  };
}
