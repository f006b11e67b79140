// Suricata writes IPv6 addresses zero-padded in full (`fe80:0000:0000:0000:ba27:...`), Zeek, Argus,
// nfdump and threat-intel feeds write the RFC 5952 short form (`fe80::ba27:...`). Profiles, DNS
// resolutions and feed lookups match addresses as strings, so Suricata's are rewritten to the short form.

/** The RFC 5952 form of a valid IPv6 address; addresses with an embedded IPv4 part are only lower-cased. */
export function canonicalIPv6(addr: string): string {
  const s = addr.toLowerCase();
  if (s.indexOf('.') !== -1) return s;
  const halves = s.split('::');
  if (halves.length > 2) return s;
  const head = halves[0]!.length > 0 ? halves[0]!.split(':') : [];
  const tail = halves.length === 2 && halves[1]!.length > 0 ? halves[1]!.split(':') : [];
  const groups: number[] = head.map((g) => parseInt(g, 16));
  if (halves.length === 2) for (let i = head.length + tail.length; i < 8; i++) groups.push(0);
  for (const g of tail) groups.push(parseInt(g, 16));
  if (groups.length !== 8 || groups.some((g) => !(g >= 0 && g <= 0xffff))) return s;

  // The longest run of two or more zero groups (the first one on a tie) becomes `::`.
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}
