// The connection-based detections of flow_alerts (slips-behaviour.md 4.2.2), plus http_analyzer's
// non-HTTP-on-port-80 check, which works on the same conn flows. One detector per detection; the
// ones that need the gateway share one guess of it.
import type { SlipsConfig } from '../../../config/config';
import type { Detector } from '../../detector';
import { ConnectionToMultiplePorts } from './connectionToMultiplePorts';
import { ConnectionToPrivateIp } from './connectionToPrivateIp';
import { ConnectionWithoutDns } from './connectionWithoutDns';
import { DataUpload } from './dataUpload';
import { DeviceChangingIp } from './deviceChangingIp';
import { DifferentLocalnet } from './differentLocalnet';
import { GatewayGuess } from './gateway';
import { GreTunnel } from './greTunnel';
import { Login } from './login';
import { LongConnection } from './longConnection';
import { NonHttpPort80 } from './nonHttpPort80';
import { NonSslPort443 } from './nonSslPort443';
import { Port0Connection } from './port0Connection';
import { ReconnectionAttempts } from './reconnectionAttempts';
import { UnknownPort } from './unknownPort';

export {
  ConnectionToMultiplePorts,
  ConnectionToPrivateIp,
  ConnectionWithoutDns,
  DataUpload,
  DeviceChangingIp,
  DifferentLocalnet,
  GatewayGuess,
  GreTunnel,
  Login,
  LongConnection,
  NonHttpPort80,
  NonSslPort443,
  Port0Connection,
  ReconnectionAttempts,
  UnknownPort,
};

/**
 * The detectors, in upstream's order of checks. Thresholds are read from the configuration the engine
 * passes with every record (ctx.config), which is the one given here.
 */
export function createConnFlowAlerts(config: SlipsConfig): Detector[] {
  const gateway = new GatewayGuess();
  return [
    new LongConnection(),
    new UnknownPort(),
    new ReconnectionAttempts(),
    new Port0Connection(),
    new DifferentLocalnet(),
    new ConnectionWithoutDns(),
    new ConnectionToMultiplePorts(),
    new DataUpload(gateway),
    new ConnectionToPrivateIp(gateway),
    new DeviceChangingIp(),
    new NonSslPort443(),
    new NonHttpPort80(),
    new GreTunnel(),
    new Login(),
  ];
}
