// Which configuration keys this engine reads, in upstream's section and key names, and how each
// one sets the typed config. Both dialects share the table: the 0.7.1 INI keys and the newest YAML
// keys live in the same sections, and a key spelled the way either version documents it is honoured.
import { ONLY_ONE_TW_WIDTH } from '../profiler/timeWindows';
import { newestModuleNames } from './moduleNames';
import { ALERTS_JSON_FORMATS, FLOW_ML_MODES, type SlipsConfig } from './types';
import {
  type Where,
  fail,
  toAddressList,
  toBoolean,
  toCount,
  toLevel,
  toList,
  toMinutes,
  toNonNegative,
  toOneOf,
  toPath,
  toPositive,
  toText,
} from './values';

type Setter = (c: SlipsConfig, v: unknown, at: Where) => void;

/** A score threshold: a number from 0 to 1. */
function toFraction(v: unknown, at: Where): number {
  const x = toNonNegative(v, at, 'a number from 0 to 1');
  return x <= 1 ? x : fail(at, `must be a number from 0 to 1, got ${String(v)}`);
}

function setWidth(c: SlipsConfig, v: unknown, at: Where): void {
  if (typeof v === 'string' && v.trim() === 'only_one_tw') {
    c.timeWindowWidth = ONLY_ONE_TW_WIDTH;
    c.onlyOneTw = true;
    return;
  }
  c.timeWindowWidth = toPositive(v, at, "a positive number of seconds or 'only_one_tw'");
  c.onlyOneTw = false;
}

const flowAlert =
  (field: keyof SlipsConfig['flowAlerts']): Setter =>
  (c, v, at) => {
    c.flowAlerts[field] = toNonNegative(v, at, 'a number not below 0');
  };

export const KEYS: Record<string, Record<string, Setter>> = {
  parameters: {
    time_window_width: setWidth,
    analysis_direction: (c, v, at) => (c.analysisDirection = toOneOf(v, at, ['out', 'all'] as const)),
    verbose: (c, v, at) => (c.verbose = toLevel(v, at)),
    debug: (c, v, at) => (c.debug = toLevel(v, at)),
    create_log_files: (c, v, at) => (c.createLogFiles = toBoolean(v, at)),
    label: (c, v, at) => (c.label = toText(v, at)),
    client_ips: (c, v, at) => (c.clientIps = toAddressList(v, at)),
    tcp_inactivity_timeout: (c, v, at) => (c.tcpInactivityTimeout = toMinutes(v, at)),
    export_strato_letters: (c, v, at) => (c.exportStratoLetters = toBoolean(v, at)),
  },
  detection: {
    evidence_detection_threshold: (c, v, at) =>
      (c.evidenceDetectionThreshold = toPositive(v, at, 'a positive number of attacks per minute')),
  },
  modules: {
    disable: (c, v, at) => (c.disabledModules = newestModuleNames(toList(v, at))),
    timeline_human_timestamp: (c, v, at) => (c.timelineHumanTimestamp = toBoolean(v, at)),
  },
  timestamp: {
    format: (c, v, at) => (c.timestampFormat = toText(v, at) || undefined),
  },
  flow_alerts: {
    long_connection_threshold: flowAlert('longConnectionThreshold'),
    ssh_succesful_detection_threshold: flowAlert('sshSuccessfulDetectionThreshold'),
    ssh_successful_detection_threshold: flowAlert('sshSuccessfulDetectionThreshold'),
    data_exfiltration_threshold: flowAlert('dataExfiltrationThreshold'),
    entropy_threshold: flowAlert('entropyThreshold'),
    pastebin_download_threshold: flowAlert('pastebinDownloadThreshold'),
  },
  // 0.7.1 documented the threshold here but read it from another section (quirk Q6); here it is honoured.
  longconnections: {
    long_connection_threshold: flowAlert('longConnectionThreshold'),
  },
  brute_force_detector: {
    ssh_attempt_threshold: (c, v, at) => (c.bruteForce.sshAttemptThreshold = toCount(v, at)),
  },
  DisabledAlerts: {
    disabled_detections: (c, v, at) => (c.disabledDetections = toList(v, at)),
  },
  whitelists: {
    enable_local_whitelist: (c, v, at) => (c.whitelists.enableLocalWhitelist = toBoolean(v, at)),
    local_whitelist_path: (c, v, at) => (c.whitelists.localWhitelistPath = toPath(v, at)),
  },
  threatintelligence: {
    local_threat_intelligence_files: (c, v, at) =>
      (c.threatIntelligence.localThreatIntelligenceFiles = toPath(v, at)),
    // 0.7.1 spelling of the same folder.
    download_path_for_local_threat_intelligence: (c, v, at) =>
      (c.threatIntelligence.localThreatIntelligenceFiles = toPath(v, at)),
    download_path_for_remote_threat_intelligence: (c, v, at) =>
      (c.threatIntelligence.downloadPathForRemoteThreatIntelligence = toPath(v, at)),
    ja3_feeds: (c, v, at) => (c.threatIntelligence.ja3Feeds = toPath(v, at)),
    ssl_feeds: (c, v, at) => (c.threatIntelligence.sslFeeds = toPath(v, at)),
    // The feed list `slips ti update` downloads (newest: a file; 0.7.1: the URLs, comma-separated;
    // empty: no remote feeds, as the shipped 0.7.1 slips.conf has it).
    ti_files: (c, v, at) => (c.threatIntelligence.tiFiles = toText(v, at)),
    TI_files_update_period: (c, v, at) =>
      (c.threatIntelligence.updatePeriod = toNonNegative(v, at, 'a number of seconds not below 0')),
    // 0.7.1 name of the same period.
    malicious_data_update_period: (c, v, at) =>
      (c.threatIntelligence.updatePeriod = toNonNegative(v, at, 'a number of seconds not below 0')),
    // Not upstream keys (upstream's curl had no size limit and no timeout for the body).
    TI_files_max_size_mb: (c, v, at) =>
      (c.threatIntelligence.maxFeedBytes = Math.round(
        toPositive(v, at, 'a positive number of megabytes') * 1024 * 1024,
      )),
    TI_files_download_timeout: (c, v, at) =>
      (c.threatIntelligence.downloadTimeout = toPositive(v, at, 'a positive number of seconds')),
  },
  flow_ml_detection: {
    mode: (c, v, at) => (c.flowMlDetection.mode = toOneOf(v, at, FLOW_ML_MODES)),
    // Not an upstream key: upstream's model file path is fixed.
    model_folder: (c, v, at) => (c.flowMlDetection.modelFolder = toText(v, at)),
  },
  // 0.7.1 name of the same module's section.
  MLdetection1: {
    mode: (c, v, at) => (c.flowMlDetection.mode = toOneOf(v, at, FLOW_ML_MODES)),
  },
  // Not upstream keys: upstream has no beacon module, and hard-codes the C&C model's threshold (0.99).
  beacon: {
    score_threshold: (c, v, at) => (c.beacon.scoreThreshold = toFraction(v, at)),
  },
  rnn_cc_detection: {
    threshold: (c, v, at) => (c.rnnCcDetection.threshold = toFraction(v, at)),
    batch_letters: (c, v, at) => (c.rnnCcDetection.batchLetters = toCount(v, at)),
  },
  // Not upstream keys: upstream reads fixed paths (databases/GeoLite2-Country.mmdb, GeoLite2-ASN.mmdb).
  ip_info: {
    country_database: (c, v, at) => (c.ipInfo.countryDatabase = toText(v, at)),
    asn_database: (c, v, at) => (c.ipInfo.asnDatabase = toText(v, at)),
    online_lookups: (c, v, at) => (c.ipInfo.onlineLookups = toBoolean(v, at)),
    rdap_base_url: (c, v, at) => (c.ipInfo.rdapBaseUrl = toText(v, at)),
    lookup_update_period: (c, v, at) =>
      (c.ipInfo.lookupUpdatePeriod = toNonNegative(v, at, 'a number of seconds not below 0')),
    lookup_wait: (c, v, at) =>
      (c.ipInfo.lookupWait = toNonNegative(v, at, 'a number of seconds not below 0')),
    replay_enrichment: (c, v, at) => (c.ipInfo.replayEnrichment = toText(v, at)),
  },
  virustotal: {
    api_key_file: (c, v, at) => (c.virustotal.apiKeyFile = toText(v, at)),
    virustotal_update_period: (c, v, at) =>
      (c.virustotal.updatePeriod = toNonNegative(v, at, 'a number of seconds not below 0')),
    // Not an upstream key: where the API lives (tests point it at a local server).
    base_url: (c, v, at) => (c.virustotal.baseUrl = toText(v, at)),
  },
  // Not an upstream key: upstream's format followed its version (IDEA0 until 1.1.4, IDMEFv2 since 1.1.5).
  exporting_alerts: {
    format: (c, v, at) =>
      (c.alertsJsonFormat = toOneOf(
        typeof v === 'string' ? v.trim().toLowerCase() : v,
        at,
        ALERTS_JSON_FORMATS,
      )),
  },
};

/** Why some ignored keys are ignored, appended to their warning. */
export const IGNORED_NOTES: Record<string, string> = {
  'parameters.home_network':
    'no longer used: newest Slips removed it, every source IP gets a profile; list local hosts in parameters.client_ips',
};

/**
 * Sections a Slips configuration of either version has, whether or not this engine reads them;
 * a YAML file without a known extension counts as a configuration when it has one of these.
 */
export const KNOWN_SECTIONS: ReadonlySet<string> = new Set([
  ...Object.keys(KEYS),
  // newest slips.yaml
  'update',
  'output',
  'Debug',
  'flow_ml_detection',
  'anomaly_detection_https',
  'virustotal',
  'threatintelligence',
  'whitelists',
  'exporting_alerts',
  'cesnet',
  'Docker',
  'Profiling',
  'web_interface',
  'global_p2p',
  'local_p2p',
  // 0.7.1 slips.conf
  'regexes',
  'logging',
  'MLdetection1',
]);
