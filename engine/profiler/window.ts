import type { TimeWindow, WindowDetail } from './types';

export function emptyWindow(profileIp: string, number: number, start: number, end: number): TimeWindow {
  return {
    profileIp,
    number,
    start,
    end,
    ref: { number, start, end },
    lastModified: start,
    closed: false,
    summary: {
      flows: 0,
      records: 0,
      pkts: 0,
      bytes: 0,
      distinctPeers: 0,
      distinctDstPorts: 0,
      evidence: 0,
      alerts: 0,
    },
    detail: emptyDetail(),
    evidence: [],
    alerts: [],
  };
}

export function emptyDetail(): WindowDetail {
  return {
    flows: [],
    altFlows: [],
    scans: {},
    tuples: undefined,
    behaviour: undefined,
  };
}
