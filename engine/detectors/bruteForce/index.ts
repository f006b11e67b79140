// The brute_force_detector family (slips-behaviour.md 4.2.9): SSH password guessing from ssh.log
// campaigns, client banners from software.log and Zeek's SSH::Password_Guessing notice.
import type { SlipsConfig } from '../../config/config';
import type { Detector } from '../detector';
import { SshPasswordGuessing } from './sshPasswordGuessing';

export function createBruteForceDetectors(config: SlipsConfig): Detector[] {
  return [new SshPasswordGuessing(config.bruteForce.sshAttemptThreshold)];
}
