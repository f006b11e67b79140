// The effective configuration as newest-style YAML for the run's metadata/ folder: upstream key
// names, a fixed key order and no timestamps, so the same config always gives the same bytes and
// loadConfig reads it back to the same values. Where it came from and what was ignored are comments.
import { stringify } from 'yaml';
import type { SlipsConfig } from './types';

function comment(text: string): string {
  return `# ${text.replace(/[\r\n]+/g, ' ')}\n`;
}

export function configToYaml(c: SlipsConfig): string {
  const doc = {
    parameters: {
      time_window_width: c.onlyOneTw ? 'only_one_tw' : c.timeWindowWidth,
      analysis_direction: c.analysisDirection,
      verbose: c.verbose,
      debug: c.debug,
      create_log_files: c.createLogFiles,
      label: c.label,
      client_ips: c.clientIps,
      tcp_inactivity_timeout: c.tcpInactivityTimeout,
      export_strato_letters: c.exportStratoLetters,
    },
    detection: { evidence_detection_threshold: c.evidenceDetectionThreshold },
    modules: { disable: c.disabledModules, timeline_human_timestamp: c.timelineHumanTimestamp },
    flow_alerts: {
      long_connection_threshold: c.flowAlerts.longConnectionThreshold,
      ssh_succesful_detection_threshold: c.flowAlerts.sshSuccessfulDetectionThreshold,
      data_exfiltration_threshold: c.flowAlerts.dataExfiltrationThreshold,
      entropy_threshold: c.flowAlerts.entropyThreshold,
      pastebin_download_threshold: c.flowAlerts.pastebinDownloadThreshold,
    },
    brute_force_detector: { ssh_attempt_threshold: c.bruteForce.sshAttemptThreshold },
    DisabledAlerts: { disabled_detections: c.disabledDetections },
    whitelists: {
      enable_local_whitelist: c.whitelists.enableLocalWhitelist,
      local_whitelist_path: c.whitelists.localWhitelistPath,
    },
    flow_ml_detection: { mode: c.flowMlDetection.mode, model_folder: c.flowMlDetection.modelFolder },
    beacon: { score_threshold: c.beacon.scoreThreshold },
    rnn_cc_detection: {
      threshold: c.rnnCcDetection.threshold,
      batch_letters: c.rnnCcDetection.batchLetters,
    },
    exporting_alerts: { format: c.alertsJsonFormat },
    ...(c.timestampFormat === undefined ? {} : { timestamp: { format: c.timestampFormat } }),
  };
  const from =
    c.source.dialect === 'defaults'
      ? 'built-in defaults'
      : `${c.source.path ?? '(unnamed)'} (${c.source.dialect === 'ini' ? '0.7.1 INI' : 'YAML'})`;
  let head = comment('Effective Slips configuration of this run, after command-line overrides.');
  head += comment(`Read from: ${from}.`);
  if (c.ignoredKeys.length) {
    head += comment('Keys in that file this engine ignored:');
    for (const k of c.ignoredKeys) head += comment(`  ${k}`);
  }
  return head + stringify(doc, { lineWidth: 0 });
}
