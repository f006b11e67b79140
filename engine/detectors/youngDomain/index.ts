// YOUNG_DOMAIN, a flow_alerts detection that needs online domain ages (see youngDomain.ts). Without
// online enrichment (ip_info.online_lookups off, no replay) it receives no ages and stays silent.
import type { SlipsConfig } from '../../config/config';
import type { Detector } from '../detector';
import { YoungDomain } from './youngDomain';

export { YoungDomain, YOUNG_DOMAIN_DAYS } from './youngDomain';

export function createYoungDomainDetectors(_config: SlipsConfig): Detector[] {
  return [new YoungDomain()];
}
