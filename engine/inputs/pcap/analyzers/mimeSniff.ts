// The MIME type of a body from its first bytes, as Zeek's file magic signatures decide it for
// `resp_mime_types` (the declared Content-Type is not trusted). The first match in table order wins;
// plain text is the low-priority fallback for printable starts, as in Zeek's signatures.

/** Bytes of a body kept for sniffing. */
export const SNIFF_BYTES = 64;

const MAGIC: readonly [RegExp, string][] = [
  [/^\x89PNG\r\n\x1a\n/, 'image/png'],
  [/^\xff\xd8\xff/, 'image/jpeg'],
  [/^GIF8[79]a/, 'image/gif'],
  [/^%PDF-/, 'application/pdf'],
  [/^PK\x03\x04/, 'application/zip'],
  [/^MZ/, 'application/x-dosexec'],
  [/^\x7fELF/, 'application/x-executable'],
  [/^\x1f\x8b/, 'application/x-gzip'],
  [/^\x00\x00\x01\x00/, 'image/x-icon'],
  [/^BM.{4}\x00\x00\x00\x00/s, 'image/x-ms-bmp'],
  [/^RIFF.{4}WEBP/s, 'image/webp'],
  [/^(\xef\xbb\xbf)?\s*<\?xml/, 'application/xml'],
  [/^(\xef\xbb\xbf)?\s*<(!DOCTYPE html|html|head|body|title|script|!--)/i, 'text/html'],
  [/^(\xef\xbb\xbf)?[\r\n\t ]*[{[][\r\n\t ]*("|[a-zA-Z_]|\{|\[|\]|\}|[0-9])/, 'text/json'],
];

/** Zeek's plain-text signature: the first 10 bytes printable or white space. */
const PLAIN = /^[\x20-\x7e\t\r\n\f\v]{10}/;

/** The MIME type of a body starting with `head` (latin1 text of its first bytes), or '' when unknown. */
export function sniffMime(head: string): string {
  if (head.length === 0) return '';
  for (const [re, type] of MAGIC) if (re.test(head)) return type;
  return PLAIN.test(head) ? 'text/plain' : '';
}
