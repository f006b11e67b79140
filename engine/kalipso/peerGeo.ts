// The `asn | geo` columns of the tuple views (8.1: upstream read them from IPsInfo in Redis DB 1): the
// peer's AS number and country from the engine's offline IP database (engine/enrich/geo), the same
// lookup that gives profiles their `asn` and `geocountry` facts, so every source shows the same values.
import type { IpGeoLookup } from '../enrich/geo/ipGeo';
import type { TupleRow, WindowTables } from './source';
import { tuplePeer } from './windowTables';

function withGeo(rows: readonly TupleRow[], geo: IpGeoLookup): TupleRow[] {
  return rows.map((r) => {
    const g = geo.lookup(tuplePeer(r.key));
    return { ...r, asn: g.as ? `AS${g.as.number}` : '', geo: g.country };
  });
}

export function addPeerGeo(t: WindowTables, geo: IpGeoLookup | undefined): WindowTables {
  if (!geo) return t;
  return { ...t, outTuples: withGeo(t.outTuples, geo), inTuples: withGeo(t.inTuples, geo) };
}
