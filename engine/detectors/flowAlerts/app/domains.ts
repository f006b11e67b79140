// Domain-name helpers for the certificate checks: the public suffix and registrable domain (upstream
// uses tldextract with the Public Suffix List; here the common two-level suffixes are listed, which is
// what matters for comparing a certificate's CN with an SNI), the CN of a subject, and upstream's
// "CN as a pattern" match.

import { words } from './common';

/** Two-label public suffixes that are common in certificates and SNIs (ccTLD second levels). */
const TWO_LEVEL_SUFFIXES = new Set(
  words(`
    co.uk org.uk ac.uk gov.uk me.uk net.uk com.au net.au org.au edu.au gov.au co.nz net.nz org.nz
    co.jp ne.jp or.jp ac.jp go.jp co.kr or.kr co.in net.in org.in gov.in co.za org.za co.id co.il
    co.th ac.th com.br net.br org.br gov.br com.cn net.cn org.cn gov.cn com.tw org.tw com.hk com.sg
    com.my com.mx com.ar com.tr com.ua com.ec com.nf com.ai com.pk com.ph com.vn com.eg com.sa
    com.co com.pe net.pk net.nz
  `),
);

function labels(domain: string): string[] {
  return domain
    .toLowerCase()
    .replace(/\.$/, '')
    .split('.')
    .filter((l) => l.length > 0);
}

/** The public suffix (`com`, `co.uk`), '' when there is none. */
export function publicSuffix(domain: string): string {
  const l = labels(domain);
  if (l.length === 0) return '';
  if (l.length >= 2) {
    const two = `${l[l.length - 2]}.${l[l.length - 1]}`;
    if (TWO_LEVEL_SUFFIXES.has(two)) return two;
  }
  return l[l.length - 1]!;
}

/** The registrable domain (`www.example.co.uk` → `example.co.uk`); the name itself when it is only a suffix. */
export function registrableDomain(domain: string): string {
  const l = labels(domain);
  const suffix = publicSuffix(domain);
  const n = suffix ? suffix.split('.').length : 0;
  if (l.length <= n) return l.join('.');
  return l.slice(l.length - n - 1).join('.');
}

/** The first `CN=` value of a certificate subject, up to the next comma (upstream's `CN=([^,]+)`). */
export function extractCn(subject: string): string | undefined {
  const i = subject.indexOf('CN=');
  if (i < 0) return undefined;
  const start = i + 3;
  const end = subject.indexOf(',', start);
  const cn = end < 0 ? subject.slice(start) : subject.slice(start, end);
  return cn.length > 0 ? cn : undefined;
}

/**
 * Upstream turns the CN into a regex (`.` literal, `*` = anything) and `re.match`es it against the SNI:
 * the SNI must *start* with a match. Same here without building a regex per record; DNS names are
 * compared case-insensitively.
 */
export function cnMatches(cn: string, sni: string): boolean {
  // A prefix match of `p` is a full match of `p*`.
  return wildcardMatch(`${cn.toLowerCase()}*`, sni.toLowerCase());
}

/** Full match of `p` (where `*` is any run of characters) against `s`; greedy with one backtrack point. */
function wildcardMatch(p: string, s: string): boolean {
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  while (j < s.length) {
    if (i < p.length && p[i] !== '*' && p[i] === s[j]) {
      i++;
      j++;
    } else if (i < p.length && p[i] === '*') {
      star = i++;
      mark = j;
    } else if (star >= 0) {
      i = star + 1;
      j = ++mark;
    } else return false;
  }
  while (i < p.length && p[i] === '*') i++;
  return i === p.length;
}
