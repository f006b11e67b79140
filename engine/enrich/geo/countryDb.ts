// IP → country from a MaxMind-format database: the shipped DB-IP Lite country file (records
// `{country_code}`) or a user's GeoLite2/GeoIP2 Country or City file (records `{country:{names}}`).
// Upstream stores the English country name (`geocountry`), so codes are turned into names.
import { readFileSync } from 'node:fs';
import { type CountryResponse, Reader } from 'maxmind';

interface CountryRecord {
  country_code?: string;
  country?: { iso_code?: string; names?: { en?: string } };
  registered_country?: { iso_code?: string; names?: { en?: string } };
}

const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });

export class CountryDb {
  private readonly reader: Reader<CountryResponse>;

  constructor(readonly path: string) {
    this.reader = new Reader<CountryResponse>(readFileSync(path));
  }

  /** When the database was built (epoch ms), so a report can say how old it is. */
  get builtAt(): number {
    return this.reader.metadata.buildEpoch.getTime();
  }

  /** English country name, or undefined when the database has no record for the address. */
  lookup(ip: string): string | undefined {
    let rec: CountryRecord | null;
    try {
      // The DB-IP files hold `{country_code}`, not MaxMind's shape: read both.
      rec = this.reader.get(ip) as unknown as CountryRecord | null;
    } catch {
      return undefined; // not an address maxmind can parse
    }
    if (!rec) return undefined;
    const named = rec.country ?? rec.registered_country;
    if (named?.names?.en) return named.names.en;
    const code = rec.country_code ?? named?.iso_code;
    if (!code) return undefined;
    try {
      return REGION_NAMES.of(code) ?? code;
    } catch {
      return code;
    }
  }
}
