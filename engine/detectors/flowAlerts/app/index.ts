// The application-layer rows of flow_alerts (slips-behaviour.md 4.2.2): TLS certificates and SNIs, SSH
// logins and versions, DNS answers, SMTP logins. One detector per detection (or small family); they
// read their thresholds from the configuration the engine passes with every record (ctx.config). The
// module is one Detector that hands each record to the detections of its kind (router.ts).
import type { SlipsConfig } from '../../../config/config';
import type { Detector } from '../../detector';
import { FLOW_ALERTS } from './common';
import { KindRouter, type RoutedDetector } from './router';
import { CnUrlMismatch } from './cnUrlMismatch';
import { DgaNxdomains } from './dgaNxdomains';
import { DnsWithoutConnection } from './dnsWithoutConnection';
import { DohUse } from './dohUse';
import { HighEntropyDnsAnswer } from './highEntropyDnsAnswer';
import { IncompatibleCn } from './incompatibleCn';
import { InvalidDnsResolution } from './invalidDnsResolution';
import { MultipleSshVersions } from './multipleSshVersions';
import { PastebinDownload } from './pastebinDownload';
import { SelfSignedCertificate } from './selfSignedCertificate';
import { SmtpLogin } from './smtpLogin';
import { SshSuccessful } from './sshSuccessful';

export {
  CnUrlMismatch,
  DgaNxdomains,
  DnsWithoutConnection,
  DohUse,
  HighEntropyDnsAnswer,
  IncompatibleCn,
  InvalidDnsResolution,
  MultipleSshVersions,
  PastebinDownload,
  SelfSignedCertificate,
  SmtpLogin,
  SshSuccessful,
};

/** The module's detector: its detections in upstream's order of analyzers (ssl, ssh, software, dns, smtp). */
export function createAppFlowAlerts(_config: SlipsConfig): Detector[] {
  return [new KindRouter(FLOW_ALERTS, appFlowAlertsDetections())];
}

/** Every detection as its own detector, for callers that want to pick. */
export function appFlowAlertsDetections(): RoutedDetector[] {
  return [
    new PastebinDownload(),
    new SelfSignedCertificate(),
    new IncompatibleCn(),
    new DohUse(),
    new CnUrlMismatch(),
    new SshSuccessful(),
    new MultipleSshVersions(),
    new DnsWithoutConnection(),
    new HighEntropyDnsAnswer(),
    new InvalidDnsResolution(),
    new DgaNxdomains(),
    new SmtpLogin(),
  ];
}
