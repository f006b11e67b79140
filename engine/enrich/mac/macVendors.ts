// MAC vendor (upstream ip_info's MAC_vendor, 4.2.8), offline from the IEEE OUI registry that the
// `oui-data` package ships as JSON. Upstream downloads a maclookup database every two weeks and asks
// an online service for misses; the IEEE registry is the same source those databases are built from.
// The 5 MB table loads on the first MAC asked about, so runs over logs without MACs never pay for it.
import { readFileSync } from 'node:fs';
import { packageFile } from '../packageFile';

export class MacVendorLookup {
  /** OUI ("001C42") → organisation; null once loading failed, so it is tried (and reported) once. */
  private table: Map<string, string> | null | undefined;
  /** Why the table could not be read, for one line in the run's problems. */
  problem: string | undefined;

  constructor(private readonly path = packageFile('oui-data', 'index.json')) {}

  /**
   * The organisation the address's OUI is registered to. Locally administered addresses (randomised by
   * phones and laptops) and group addresses carry no vendor, so they answer undefined.
   */
  vendorOf(mac: string): string | undefined {
    const oui = ouiOf(mac);
    if (!oui) return undefined;
    const table = this.table === undefined ? this.load() : this.table;
    return table?.get(oui);
  }

  private load(): Map<string, string> | null {
    try {
      const raw = JSON.parse(readFileSync(this.path, 'utf8')) as Record<string, unknown>;
      const table = new Map<string, string>();
      for (const [oui, entry] of Object.entries(raw)) {
        // Each entry is the registry's address block; its first line is the organisation's name.
        if (typeof entry === 'string' && /^[0-9A-F]{6}$/.test(oui))
          table.set(oui, entry.split('\n', 1)[0]!.trim());
      }
      this.table = table;
    } catch (err) {
      this.problem = `MAC vendors unavailable (${this.path}): ${(err as Error).message}`;
      this.table = null;
    }
    return this.table;
  }
}

/** "00:1c:42:ab:cd:ef" (or with dashes) → "001C42"; undefined for malformed, local or group addresses. */
export function ouiOf(mac: string): string | undefined {
  const hex = mac.replace(/[:.-]/g, '').toUpperCase();
  if (!/^[0-9A-F]{12}$/.test(hex)) return undefined;
  const first = parseInt(hex.slice(0, 2), 16);
  // Bit 0 of the first octet marks group (multicast) addresses, bit 1 locally administered ones.
  if (first & 0b11) return undefined;
  return hex.slice(0, 6);
}
