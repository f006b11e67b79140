// Runs the real Engine over a file of ../shared/data with online enrichment pointed at the tests' local
// servers, and collects evidence, alerts and profiles.
import { DEFAULT_CONFIG, type SlipsConfig } from '../../../../engine/config/config';
import { cloneConfig } from '../../../../engine/config/defaults';
import type { Detector } from '../../../../engine/detectors/detector';
import { Engine } from '../../../../engine/engine';
import type { Alert, Evidence } from '../../../../engine/evidence/types';
import { Accounting } from '../../../../engine/inputs/accounting';
import { openReader } from '../../../../engine/inputs/openReader';
import {
  OnlineEnrichment,
  type OnlineEnrichmentOptions,
} from '../../../../engine/enrich/cache/onlineEnrichment';
import { DATA } from '../../../helpers/data';

export const SIMDA_DNS = `${DATA}/zeek/security-datasets-for-testing/005-zeek-scenario-malicious/dns.log`;

/** The default configuration with online lookups on, and no VirusTotal key unless a test gives one. */
export function onlineConfig(edit: (c: SlipsConfig) => void = () => {}): SlipsConfig {
  const c = cloneConfig(DEFAULT_CONFIG);
  c.ipInfo.onlineLookups = true;
  c.ipInfo.lookupWait = 30;
  c.virustotal.apiKeyFile = '/nonexistent/vt_api_key';
  edit(c);
  return c;
}

export interface OnlineRun {
  evidence: Evidence[];
  alerts: Alert[];
  engine: Engine;
  online: OnlineEnrichment | undefined;
  problems: string[];
}

export async function runOnline(
  path: string,
  config: SlipsConfig,
  detectors: Detector[],
  opts: Partial<OnlineEnrichmentOptions> = {},
): Promise<OnlineRun> {
  const problems: string[] = [];
  const online = OnlineEnrichment.create({
    config,
    env: {},
    reverseResolver: async () => [],
    onProblem: (l) => problems.push(l),
    ...opts,
  });
  const evidence: Evidence[] = [];
  const alerts: Alert[] = [];
  const engine = new Engine(config, {
    detectors,
    online,
    sinks: [{ evidence: (e) => evidence.push(e), alert: (a) => alerts.push(a), close: async () => {} }],
  });
  const accounting = new Accounting();
  await engine.run(await openReader(path, { accounting }), accounting, path);
  await online?.close();
  return { evidence, alerts, engine, online, problems };
}
