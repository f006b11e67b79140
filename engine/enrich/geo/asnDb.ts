// IP → AS from a user's GeoLite2-ASN (or compatible) .mmdb, the source upstream reads.
import { readFileSync } from 'node:fs';
import { type AsnResponse, Reader } from 'maxmind';
import type { AsInfo } from './asnTable';

interface AsnRecord {
  autonomous_system_number?: number;
  autonomous_system_organization?: string;
}

export class AsnMmdb {
  private readonly reader: Reader<AsnResponse>;

  constructor(readonly path: string) {
    this.reader = new Reader<AsnResponse>(readFileSync(path));
  }

  lookup(ip: string): AsInfo | undefined {
    let rec: AsnRecord | null;
    try {
      rec = this.reader.get(ip) as AsnRecord | null;
    } catch {
      return undefined;
    }
    if (!rec?.autonomous_system_number) return undefined;
    return { number: rec.autonomous_system_number, org: rec.autonomous_system_organization ?? '' };
  }
}
