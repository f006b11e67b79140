// Every detection family the engine runs, in a fixed order (evidence order is part of deterministic
// output). `modules.disable` removes a family by its upstream module name (Engine filters on `name`).
import type { SlipsConfig } from '../config/config';
import type { Detector } from './detector';
import { createNetworkDiscovery } from './networkDiscovery';
import { createConnFlowAlerts } from './flowAlerts/conn';
import { createAppFlowAlerts } from './flowAlerts/app';
import { createHttpAnalyzer } from './http';
import { createArpDetectors } from './arp';
import { createBruteForceDetectors } from './bruteForce';
import { createMlDetectors } from './ml';
import { createThreatIntelligence } from './threatIntelligence';
import { createYoungDomainDetectors } from './youngDomain';

export function createDetectors(config: SlipsConfig): Detector[] {
  return [
    ...createNetworkDiscovery(config),
    ...createConnFlowAlerts(config),
    ...createAppFlowAlerts(config),
    ...createHttpAnalyzer(config),
    ...createArpDetectors(config),
    ...createBruteForceDetectors(config),
    ...createMlDetectors(config),
    ...createThreatIntelligence(config),
    ...createYoungDomainDetectors(config),
  ];
}
