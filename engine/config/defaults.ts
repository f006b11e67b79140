// Built-in defaults: the newest Slips `config/slips.yaml` values (6.2). `create_log_files` (0.7.1 only)
// is off as upstream made it from 0.8.2 on: on a large input the per-profile folders are hundreds of
// thousands of files; the 0.7.1 slips.conf turns them on. `[timestamp] format` keeps auto-detection.
import type { SlipsConfig } from './types';

/** Upstream's `whitelists.local_whitelist_path` default; here it names the project's own file. */
export const DEFAULT_WHITELIST_PATH = 'config/whitelist.conf';

/** Upstream's threat-intelligence defaults; they name the copies shipped in engine/data/ti/. */
export const DEFAULT_TI_PATHS = {
  localThreatIntelligenceFiles: 'config/local_ti_files/',
  tiFiles: 'config/TI_feeds.csv',
  ja3Feeds: 'config/JA3_feeds.csv',
  sslFeeds: 'config/SSL_feeds.csv',
} as const;

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

/** Frozen so no run can change another's defaults; loadConfig hands out copies. */
export const DEFAULT_CONFIG: SlipsConfig = deepFreeze({
  timeWindowWidth: 3600,
  onlyOneTw: false,
  analysisDirection: 'out',
  verbose: 1,
  debug: 0,
  evidenceDetectionThreshold: 0.25,
  // flow_ml_detection is off by default as in 0.7.1 (`mldetection-1`): the shipped forest flags most
  // flows of a benign DNS-only capture (models/flow-rf/MODEL_CARD.md); newest Slips runs it by default.
  disabledModules: ['template', 'flow_ml_detection'],
  disabledDetections: [],
  timelineHumanTimestamp: true,
  createLogFiles: false,
  label: 'normal',
  clientIps: [],
  tcpInactivityTimeout: 60,
  exportStratoLetters: false,
  timestampFormat: undefined,
  flowAlerts: {
    longConnectionThreshold: 1500,
    sshSuccessfulDetectionThreshold: 4290,
    dataExfiltrationThreshold: 500,
    entropyThreshold: 5,
    pastebinDownloadThreshold: 700,
  },
  bruteForce: { sshAttemptThreshold: 9 },
  whitelists: { enableLocalWhitelist: true, localWhitelistPath: DEFAULT_WHITELIST_PATH },
  threatIntelligence: {
    localThreatIntelligenceFiles: DEFAULT_TI_PATHS.localThreatIntelligenceFiles,
    downloadPathForRemoteThreatIntelligence: 'modules/threat_intelligence/remote_data_files/',
    tiFiles: DEFAULT_TI_PATHS.tiFiles,
    ja3Feeds: DEFAULT_TI_PATHS.ja3Feeds,
    sslFeeds: DEFAULT_TI_PATHS.sslFeeds,
    updatePeriod: 86400,
    maxFeedBytes: 100 * 1024 * 1024,
    downloadTimeout: 120,
  },
  ipInfo: {
    countryDatabase: '',
    asnDatabase: '',
    onlineLookups: false,
    rdapBaseUrl: 'https://rdap.org',
    lookupUpdatePeriod: 2592000,
    lookupWait: 60,
    replayEnrichment: '',
  },
  virustotal: {
    apiKeyFile: 'config/vt_api_key',
    updatePeriod: 259200,
    baseUrl: 'https://www.virustotal.com',
  },
  flowMlDetection: { mode: 'test', modelFolder: '' },
  // Not upstream keys; the detectors' own reasons for these values are in engine/detectors/ml/settings.ts.
  beacon: { scoreThreshold: 0.7 },
  rnnCcDetection: { threshold: 0.9, batchLetters: 64 },
  alertsJsonFormat: 'idmefv2',
  source: { dialect: 'defaults' },
  ignoredKeys: [],
});

/** A mutable deep copy (the config is plain data: arrays, nested records, primitives). */
export function cloneConfig(c: SlipsConfig): SlipsConfig {
  return {
    ...c,
    disabledModules: [...c.disabledModules],
    disabledDetections: [...c.disabledDetections],
    clientIps: [...c.clientIps],
    flowAlerts: { ...c.flowAlerts },
    bruteForce: { ...c.bruteForce },
    whitelists: { ...c.whitelists },
    threatIntelligence: { ...c.threatIntelligence },
    ipInfo: { ...c.ipInfo },
    virustotal: { ...c.virustotal },
    flowMlDetection: { ...c.flowMlDetection },
    beacon: { ...c.beacon },
    rnnCcDetection: { ...c.rnnCcDetection },
    source: { ...c.source },
    ignoredKeys: [...c.ignoredKeys],
  };
}
