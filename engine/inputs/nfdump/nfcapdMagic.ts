// Recognising nfdump's binary nfcapd files by their first bytes: magic 0xA50C, then the layout
// version (1 for nfdump ≤ 1.6, 2 for 1.7+), both little-endian as nfcapd writes them on x86/ARM.
// Big-endian writers are accepted too: nfdump itself reads both.

export function isNfcapd(head: Uint8Array): boolean {
  if (head.length < 4) return false;
  const le = head[0] === 0x0c && head[1] === 0xa5 && head[3] === 0 && (head[2] === 1 || head[2] === 2);
  const be = head[0] === 0xa5 && head[1] === 0x0c && head[2] === 0 && (head[3] === 1 || head[3] === 2);
  return le || be;
}
