// A scrolling list that draws only the rows on screen. blessed's own list (and blessed-contrib's tree
// and table) make one element per row, which a profile with 100,000 flows turns into minutes and
// gigabytes; here a row is asked from the model only when it is visible, so any length pages instantly.
import blessed, { type Widgets } from 'blessed';
import type { Line, Painter } from './text';

export interface ListModel {
  count(): number;
  line(i: number): Line;
  /** A fixed first row (column names of a table). */
  header?: Line;
  /** Shown instead of rows when the list is empty. */
  empty?: string;
}

export interface ListOptions {
  parent: Widgets.Node;
  label: string;
  painter: Painter;
  top: number | string;
  left: number | string;
  width: number | string;
  height: number | string;
  onSelect?(index: number): void;
  onEnter?(index: number): void;
  /** Show `selected/count` after the title (off where rows are not the thing counted, as in the tree). */
  position?: boolean;
}

export const EMPTY_MODEL: ListModel = { count: () => 0, line: () => [] };

/** Columns moved by one left/right press. */
const X_STEP = 20;

export class VirtualList {
  readonly box: Widgets.BoxElement;
  private model: ListModel = EMPTY_MODEL;
  selected = 0;
  private top = 0;
  private x = 0;
  private title: string;

  constructor(private readonly o: ListOptions) {
    this.title = o.label;
    this.box = blessed.box({
      parent: o.parent,
      top: o.top,
      left: o.left,
      width: o.width,
      height: o.height,
      tags: true,
      border: { type: 'line' },
      label: ` ${blessed.escape(o.label)} `,
      wrap: false,
      style: o.painter.colour ? { border: { fg: 'white' }, focus: { border: { fg: 'green' } } } : {},
    });
    const keys: [string[], () => void][] = [
      [['up', 'k'], () => this.move(-1)],
      [['down', 'j'], () => this.move(1)],
      [['pageup'], () => this.move(-this.rows())],
      [['pagedown', 'space'], () => this.move(this.rows())],
      [['home'], () => this.move(-Infinity)],
      [['end'], () => this.move(Infinity)],
      [['left'], () => this.scrollX(-X_STEP)],
      [['right'], () => this.scrollX(X_STEP)],
      [['enter'], () => this.model.count() && this.o.onEnter?.(this.selected)],
    ];
    for (const [k, fn] of keys) this.box.key(k, fn);
    this.box.on('focus', () => this.draw());
    this.box.on('blur', () => this.draw());
  }

  setModel(model: ListModel, title?: string, keepPosition = false): void {
    this.model = model;
    if (title !== undefined) this.title = title;
    if (!keepPosition) {
      this.selected = 0;
      this.top = 0;
      this.x = 0;
    }
    this.selected = Math.max(0, Math.min(this.selected, model.count() - 1));
    this.draw();
  }

  move(delta: number): void {
    const n = this.model.count();
    if (!n) return;
    const next = Math.max(0, Math.min(n - 1, this.selected + delta));
    if (next === this.selected) return;
    this.selected = next;
    this.draw();
    this.o.onSelect?.(next);
    this.box.screen.render();
  }

  private scrollX(delta: number): void {
    this.x = Math.max(0, this.x + delta);
    this.draw();
    this.box.screen.render();
  }

  private inner(): { width: number; height: number } {
    const width = Number(this.box.width) - Number(this.box.iwidth);
    const height = Number(this.box.height) - Number(this.box.iheight);
    return { width: Math.max(0, width), height: Math.max(0, height) };
  }

  /** Rows of data on screen (the header takes one). */
  private rows(): number {
    return Math.max(1, this.inner().height - (this.model.header ? 1 : 0));
  }

  /** Fills the box with the visible rows; call after a resize too. */
  draw(): void {
    const { width } = this.inner();
    const n = this.model.count();
    const rows = this.rows();
    if (this.selected < this.top) this.top = this.selected;
    if (this.selected >= this.top + rows) this.top = this.selected - rows + 1;
    this.top = Math.max(0, Math.min(this.top, Math.max(0, n - rows)));
    const p = this.o.painter;
    const lines: string[] = [];
    if (this.model.header) lines.push(p.paint(this.model.header, width, this.x));
    if (!n && this.model.empty) lines.push(p.paint([{ text: this.model.empty }], width));
    const focused = this.box.screen.focused === this.box;
    for (let i = this.top; i < Math.min(n, this.top + rows); i++)
      lines.push(p.paint(this.model.line(i), width, this.x, i === this.selected));
    this.box.setContent(lines.join('\n'));
    const where = n && this.o.position !== false ? ` ${this.selected + 1}/${n}` : '';
    const mark = focused ? '> ' : '';
    this.box.setLabel(` ${blessed.escape(`${mark}${this.title}${where}`)} `);
  }
}
