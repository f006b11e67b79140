// 0.7.1 module names (the class attribute `name`, used in `[modules] disable`) and the newest
// snake_case module each became, so an old `disable` list still switches off the same detections.
// geoip and asn were merged into ip_info, so disabling either disables the merged module.

const NEWEST_NAME: Record<string, string> = {
  TemplateModule: 'template',
  'mldetection-1': 'flow_ml_detection',
  'lstm-cc-detection-1': 'rnn_cc_detection',
  'portscandetector-1': 'network_discovery',
  flowalerts: 'flow_alerts',
  threatintelligence1: 'threat_intelligence',
  UpdateManager: 'feeds_update_manager',
  VirusTotal: 'virustotal',
  geoip: 'ip_info',
  asn: 'ip_info',
};

/** Newest names, first occurrence order, without repeats; unknown names are kept as written. */
export function newestModuleNames(names: readonly string[]): string[] {
  return [...new Set(names.map((n) => NEWEST_NAME[n] ?? n))];
}
