// 0.7.1 wrote some INI values as Python literals that Slips evaluated: quoted strings
// (`'only_one_tw'`) and string lists (`['TemplateModule','cc-detector-1']`). This unwraps those
// two forms; anything else stays the raw text for the key's own coercion (numbers, True/False, ...).

export class LiteralError extends Error {}

const QUOTES = `'"`;

function unquote(s: string): string | undefined {
  const q = s[0];
  if (s.length < 2 || !q || !QUOTES.includes(q) || s[s.length - 1] !== q) return undefined;
  const body = s.slice(1, -1);
  // A quote of the same kind inside the body would mean this is not one literal ('a','b').
  if (body.replace(/\\./g, '').includes(q)) return undefined;
  return body.replace(/\\(.)/g, '$1');
}

/** Splits a list body on top-level commas, honouring quotes. */
function splitItems(body: string): string[] {
  const items: string[] = [];
  let cur = '';
  let quote = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quote) {
      cur += ch;
      if (ch === '\\' && i + 1 < body.length) cur += body[++i];
      else if (ch === quote) quote = '';
    } else if (ch === ',') {
      items.push(cur);
      cur = '';
    } else {
      if (QUOTES.includes(ch)) quote = ch;
      cur += ch;
    }
  }
  if (quote) throw new LiteralError('has an unterminated quote');
  items.push(cur);
  return items;
}

/** Throws LiteralError for a list that is opened but malformed. */
export function pythonValue(raw: string): string | string[] {
  const s = raw.trim();
  if (s.startsWith('[')) {
    if (!s.endsWith(']')) throw new LiteralError("opens a list with '[' but does not end with ']'");
    const items = splitItems(s.slice(1, -1)).map((x) => x.trim());
    // Python allows one trailing comma: [a, b,]
    if (items.length > 0 && items[items.length - 1] === '') items.pop();
    return items.map((x) => {
      if (x === '') throw new LiteralError('has an empty list item');
      return unquote(x) ?? x;
    });
  }
  return unquote(s) ?? s;
}
