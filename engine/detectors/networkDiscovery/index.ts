// The network_discovery family (slips-behaviour.md 4.2.1): port scans from the window's scan counters,
// ICMP sweeps, DHCP scans and the scans Zeek reports in notice.log; plus the DNS ARPA scan, which
// upstream runs in flow_alerts (its detector is named so).
import type { SlipsConfig } from '../../config/config';
import type { Detector } from '../detector';
import { DhcpScan } from './dhcpScan';
import { DnsArpaScan } from './dnsArpaScan';
import { HorizontalPortScan } from './horizontalPortScan';
import { IcmpSweep } from './icmpSweep';
import { VerticalPortScan } from './verticalPortScan';
import { ZeekScanNotices } from './zeekScanNotices';

export function createNetworkDiscovery(config: SlipsConfig): Detector[] {
  return [
    new VerticalPortScan(),
    new HorizontalPortScan(),
    new IcmpSweep(),
    new DhcpScan(),
    new ZeekScanNotices({ passwordGuessing: config.disabledModules.includes('brute_force_detector') }),
    new DnsArpaScan(),
  ];
}
