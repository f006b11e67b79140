import type { TimeWindow } from './types';

export function emptyWindow(profileIp: string, number: number, start: number, end: number): TimeWindow {
  return {
    profileIp,
    number,
    start,
    end,
    lastModified: start,
    closed: false,
    summary: { flows: 0, records: 0, pkts: 0, bytes: 0, distinctPeers: 0, distinctDstPorts: 0, evidence: 0, alerts: 0 },
    features: new Map(),
    dstIps: new Map(),
    srcIps: new Map(),
    outTuples: new Map(),
    inTuples: new Map(),
    scans: { tcp: { vertical: new Map(), horizontal: new Map() }, udp: { vertical: new Map(), horizontal: new Map() } },
    flows: [],
    altFlows: [],
    evidence: [],
    alerts: [],
  };
}
