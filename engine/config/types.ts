// The typed configuration the engine runs with, whatever file (or none) it came from.
// Field names are the engine's; the upstream key each one is read from is in keys.ts.

export interface SlipsConfig {
  /** Seconds; `only_one_tw` is stored as upstream's 9999999999 with `onlyOneTw` set. */
  timeWindowWidth: number;
  onlyOneTw: boolean;
  /** `out`: only source IPs get profiles; `all`: destination IPs too (3.1). */
  analysisDirection: 'out' | 'all';
  verbose: number;
  debug: number;
  /** Attacks per minute; the per-window threshold is this × width / 60 (5.1). */
  evidenceDetectionThreshold: number;
  /** Module names as in `modules.disable`, newest snake_case spelling. */
  disabledModules: string[];
  /** Evidence type names switched off (`DisabledAlerts.disabled_detections`). */
  disabledDetections: string[];
  timelineHumanTimestamp: boolean;
  /** The per-profile text folders of the 0.7.1 output layout. */
  createLogFiles: boolean;
  /** Label put on every flow (`normal`/`malicious` when producing training data). */
  label: string;
  /** IPs or CIDRs of the hosts that are local clients. */
  clientIps: string[];
  /** Minutes a TCP connection may stay silent before it is considered finished. */
  tcpInactivityTimeout: number;
  exportStratoLetters: boolean;
  /** strptime-style format for flow timestamps (0.7.1 `[timestamp] format`); undefined = detect. */
  timestampFormat?: string;
  flowAlerts: {
    /** Seconds. */
    longConnectionThreshold: number;
    /** Bytes a successful SSH login transfers at least (upstream spells the key `succesful`). */
    sshSuccessfulDetectionThreshold: number;
    /** MB. */
    dataExfiltrationThreshold: number;
    entropyThreshold: number;
    /** Bytes. */
    pastebinDownloadThreshold: number;
  };
  bruteForce: { sshAttemptThreshold: number };
  whitelists: {
    /** Read the local whitelist file (`whitelists.enable_local_whitelist`). */
    enableLocalWhitelist: boolean;
    /**
     * `whitelists.local_whitelist_path`. The default `config/whitelist.conf` is the project's file; any
     * other relative path is looked up in the working folder first, then in the project folder.
     */
    localWhitelistPath: string;
  };
  threatIntelligence: {
    /** Folder of the user's own lists (`own_malicious_iocs.csv`, `own_malicious_JA3.csv`, ...). */
    localThreatIntelligenceFiles: string;
    /** Folder where downloaded feeds are kept; a feed is used when its file is there. */
    downloadPathForRemoteThreatIntelligence: string;
    /** Feed lists (`"URL","Threat level","Tags"` lines). */
    tiFiles: string;
    ja3Feeds: string;
    sslFeeds: string;
    /** Seconds a downloaded feed stays fresh before `slips ti update` asks its server again. */
    updatePeriod: number;
    /** Not upstream: a feed whose body is larger than this many bytes is refused (kept as before). */
    maxFeedBytes: number;
    /** Not upstream: seconds one feed download may take, headers and body together. */
    downloadTimeout: number;
  };
  /** Offline IP enrichment (country, AS). Not upstream keys: upstream's database paths are fixed. */
  ipInfo: {
    /** A GeoLite2/GeoIP2 Country or City .mmdb; '' = the shipped DB-IP Lite country database. */
    countryDatabase: string;
    /** A GeoLite2-ASN .mmdb; '' = the shipped @ip-location-db/asn ranges. */
    asnDatabase: string;
    /** Online enrichment (VirusTotal, RDAP domain age, reverse DNS); off = no network lookups at all. */
    onlineLookups: boolean;
    /** RDAP service for domain registration dates (`/domain/{name}`). */
    rdapBaseUrl: string;
    /** Seconds a cached RDAP or reverse-DNS answer is used before it is fetched again. */
    lookupUpdatePeriod: number;
    /** Seconds the end of input waits for lookups still running; what is not back by then is left out. */
    lookupWait: number;
    /** An `enrichment.json` of an earlier run: its answers are used and nothing is looked up. */
    replayEnrichment: string;
  };
  /** VirusTotal API v3 (`virustotal` section; the base URL is not an upstream key). */
  virustotal: {
    /** File whose first 64 characters are the API key (upstream `api_key_file`). */
    apiKeyFile: string;
    /** Seconds a cached report is used before it is fetched again (upstream `virustotal_update_period`). */
    updatePeriod: number;
    baseUrl: string;
  };
  /** Flow classifier (`flow_ml_detection`; 0.7.1 `[MLdetection1]`). */
  flowMlDetection: {
    /** `test`: score every flow with the model; `train`: learn a model from labelled flows. */
    mode: FlowMlMode;
    /**
     * Not an upstream key (upstream's model path is fixed): the model folder to load in test mode and
     * to write in train mode; '' = the shipped model (test) or `flow-rf-trained/` in the working folder (train).
     */
    modelFolder: string;
  };
  /** Beacon scoring (not an upstream module): pairs at or above this score are reported. */
  beacon: { scoreThreshold: number };
  /** C&C sequence model; upstream hard-codes its threshold (0.99), here it is a key of the module's section. */
  rnnCcDetection: {
    /** Score above which a tuple is a C&C channel. */
    threshold: number;
    /** A profile's window is scored after this many new letters (and at window close). */
    batchLetters: number;
  };
  /** What alerts.json is written in (`exporting_alerts.format`): newest IDMEFv2, or IDEA0 as v0.8.2–v1.1.4. */
  alertsJsonFormat: AlertsJsonFormat;
  /** Where it came from, for metadata/: the file path (or undefined for defaults) and its dialect. */
  source: { path?: string; dialect: 'yaml' | 'ini' | 'defaults' };
  /** Every key that was read and ignored (not applicable here), for a warning. */
  ignoredKeys: string[];
}

export const FLOW_ML_MODES = ['train', 'test'] as const;
export type FlowMlMode = (typeof FLOW_ML_MODES)[number];

export const ALERTS_JSON_FORMATS = ['idmefv2', 'idea0'] as const;
export type AlertsJsonFormat = (typeof ALERTS_JSON_FORMATS)[number];

/** A configuration that cannot be used; the message is one sentence naming the file (and line when known). */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
