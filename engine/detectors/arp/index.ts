// The arp family (slips-behaviour.md 4.2.7): ARP scans, ARP to addresses outside the local network,
// unsolicited ARP and MITM by cache poisoning. They share what was learnt about MACs and the gateway;
// MitmArp keeps it up to date and runs last, so every check sees what earlier records taught.
import type { SlipsConfig } from '../../config/config';
import type { Detector } from '../detector';
import { ArpOutsideLocalnet } from './arpOutsideLocalnet';
import { ArpScan } from './arpScan';
import { HostBindings } from './hostBindings';
import { MitmArp } from './mitmArp';
import { UnsolicitedArp } from './unsolicitedArp';

export function createArpDetectors(_config: SlipsConfig): Detector[] {
  const hosts = new HostBindings();
  return [new ArpScan(hosts), new ArpOutsideLocalnet(), new UnsolicitedArp(), new MitmArp(hosts)];
}
