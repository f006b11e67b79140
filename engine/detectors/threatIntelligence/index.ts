// Threat intelligence (4.2.3): every address, domain, URL and TLS fingerprint the traffic shows is
// looked up in the loaded feeds and the user's own lists. Lookups happen in the index (engine/enrich/ti);
// this file decides what is asked and which evidence a match makes.
import type { SlipsConfig } from '../../config/types';
import { IpGeoLookup } from '../../enrich/geo/ipGeo';
import { loadThreatIntel, type ThreatIntel } from '../../enrich/ti/loadThreatIntel';
import type { Detector } from '../detector';
import { ThreatIntelligenceDetector } from './threatIntelligence';

export { ThreatIntelligenceDetector };

export function createThreatIntelligence(config: SlipsConfig, intel?: ThreatIntel): Detector[] {
  const ti = intel ?? loadThreatIntel(config);
  // The AS of an address is only needed when some list names ASNs.
  const geo = ti.index.hasAsns ? new IpGeoLookup(config.ipInfo) : undefined;
  return [new ThreatIntelligenceDetector(ti, geo)];
}
