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
  };
  /** Offline IP enrichment (country, AS). Not upstream keys: upstream's database paths are fixed. */
  ipInfo: {
    /** A GeoLite2/GeoIP2 Country or City .mmdb; '' = the shipped DB-IP Lite country database. */
    countryDatabase: string;
    /** A GeoLite2-ASN .mmdb; '' = the shipped @ip-location-db/asn ranges. */
    asnDatabase: string;
  };
  /** What alerts.json is written in (`exporting_alerts.format`): newest IDMEFv2, or IDEA0 as v0.8.2–v1.1.4. */
  alertsJsonFormat: AlertsJsonFormat;
  /** Where it came from, for metadata/: the file path (or undefined for defaults) and its dialect. */
  source: { path?: string; dialect: 'yaml' | 'ini' | 'defaults' };
  /** Every key that was read and ignored (not applicable here), for a warning. */
  ignoredKeys: string[];
}

export const ALERTS_JSON_FORMATS = ['idmefv2', 'idea0'] as const;
export type AlertsJsonFormat = (typeof ALERTS_JSON_FORMATS)[number];

/** A configuration that cannot be used; the message is one sentence naming the file (and line when known). */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
