// The http_analyzer module (slips-behaviour.md 4.2.6), on Zeek http.log and weird.log records. Its
// non-HTTP-on-port-80 row works on conn flows and lives with them (flowAlerts/conn/nonHttpPort80.ts).
import type { SlipsConfig } from '../../config/config';
import type { Detector } from '../detector';
import { KindRouter, type RoutedDetector } from '../flowAlerts/app/router';
import { HTTP_ANALYZER } from './common';
import { EmptyConnections } from './emptyConnections';
import { ExecutableMimeType } from './executableMimeType';
import { HttpTraffic } from './httpTraffic';
import { IncompatibleUserAgent } from './incompatibleUserAgent';
import { MultipleUserAgents } from './multipleUserAgents';
import { PastebinGet } from './pastebinGet';
import { SuspiciousUserAgent } from './suspiciousUserAgent';
import { WeirdHttpMethod } from './weirdHttpMethod';

export {
  EmptyConnections,
  ExecutableMimeType,
  HttpTraffic,
  IncompatibleUserAgent,
  MultipleUserAgents,
  PastebinGet,
  SuspiciousUserAgent,
  WeirdHttpMethod,
};

/** The module's detector: one detector routing records to the detections of their kind. */
export function createHttpAnalyzer(_config: SlipsConfig): Detector[] {
  return [new KindRouter(HTTP_ANALYZER, httpAnalyzerDetections())];
}

/** Every detection as its own detector, in upstream's order of checks for an HTTP record; weird.log last. */
export function httpAnalyzerDetections(): RoutedDetector[] {
  return [
    new SuspiciousUserAgent(),
    new EmptyConnections(),
    new IncompatibleUserAgent(),
    new MultipleUserAgents(),
    new ExecutableMimeType(),
    new PastebinGet(),
    new HttpTraffic(),
    new WeirdHttpMethod(),
  ];
}
