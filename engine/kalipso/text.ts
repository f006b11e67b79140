// Lines as styled segments, turned into blessed tag strings. Every segment's text can come from traffic
// (user agents, DNS names, evidence descriptions), so it is made printable (control characters would
// drive the terminal) and escaped (blessed would read `{red-fg}` in a user agent as a tag). Colours are
// left out when NO_COLOR is set; bold and inverse stay, as NO_COLOR only asks for no colour.
import { escape } from 'blessed';

export type Style =
  | 'port'
  | 'dns'
  | 'ip'
  | 'portProto'
  | 'warning'
  | 'critical'
  | 'infoKey'
  | 'info'
  | 'evidenceType'
  | 'alert'
  | 'header'
  | 'bar';

export interface Segment {
  text: string;
  style?: Style;
}

export type Line = readonly Segment[];

/** 8.1's colours: port name blue, DNS pink, [ip] teal, port/proto bold yellow, warnings orange, critical red. */
const COLOUR: Record<Style, string | undefined> = {
  port: 'blue-fg',
  dns: 'magenta-fg',
  ip: 'cyan-fg',
  portProto: 'yellow-fg',
  warning: '#ff8700-fg',
  critical: 'red-fg',
  infoKey: 'magenta-fg',
  info: 'gray-fg',
  evidenceType: 'green-fg',
  alert: 'red-fg',
  header: undefined,
  bar: 'cyan-fg',
};

const BOLD = new Set<Style>(['portProto', 'evidenceType', 'header', 'critical']);

/** Control characters as `\xNN`, so a string from the traffic prints as text and moves no cursor. */
export function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(
    /[\u0000-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

export function plainText(line: Line): string {
  let s = '';
  for (const seg of line) s += printable(seg.text);
  return s;
}

export class Painter {
  constructor(readonly colour: boolean) {}

  /**
   * The line as blessed tags, showing `width` characters from column `from` (horizontal scrolling),
   * padded to the width when `selected` so the highlight covers the row.
   */
  paint(line: Line, width: number, from = 0, selected = false): string {
    let out = '';
    let skip = from;
    let room = width;
    for (const seg of line) {
      if (room <= 0) break;
      let chars = Array.from(printable(seg.text));
      if (skip > 0) {
        const cut = Math.min(skip, chars.length);
        chars = chars.slice(cut);
        skip -= cut;
      }
      if (!chars.length) continue;
      if (chars.length > room) chars = chars.slice(0, room);
      room -= chars.length;
      out += this.styled(escape(chars.join('')), seg.style);
    }
    if (selected) return `{inverse}${out}${' '.repeat(Math.max(0, room))}{/inverse}`;
    return out;
  }

  private styled(text: string, style: Style | undefined): string {
    if (!style) return text;
    const colour = this.colour ? COLOUR[style] : undefined;
    let s = colour ? `{${colour}}${text}{/${colour}}` : text;
    if (BOLD.has(style)) s = `{bold}${s}{/bold}`;
    return s;
  }
}
