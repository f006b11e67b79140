// Connection-state interpretation (slips-behaviour.md 2.7, newest: exact Zeek states, "Not Established").
import type { FlowSource } from '../flow';
import type { InterpretedState } from './types';

const ZEEK_NOT_ESTABLISHED = new Set(['S0', 'REJ', 'RSTOS0', 'RSTRH', 'SH', 'SHR']);
const ZEEK_ESTABLISHED = new Set(['S1', 'SF', 'S2', 'S3', 'RSTO', 'RSTP', 'OTH']);
const ARGUS_ICMP: Record<string, InterpretedState> = {
  ECO: 'ICMP Echo',
  ECR: 'ICMP Reply',
  URH: 'ICMP Host Unreachable',
  URP: 'ICMP Port Unreachable',
};

export function interpretState(raw: string, pkts: number, source: FlowSource): InterpretedState {
  if (source === 'suricata') {
    const s = raw.toLowerCase();
    if (s.includes('new') || s.includes('established')) return 'Established';
    return 'Not Established';
  }
  if (ZEEK_NOT_ESTABLISHED.has(raw)) return 'Not Established';
  if (ZEEK_ESTABLISHED.has(raw)) return 'Established';
  const us = raw.indexOf('_');
  if (us !== -1) {
    const pre = raw.slice(0, us);
    const suf = raw.slice(us + 1);
    if (pre.includes('S') && pre.includes('A') && suf.includes('S') && suf.includes('A'))
      return 'Established';
    if (pre.includes('PA') && suf.includes('PA')) return 'Established';
    const icmp = ARGUS_ICMP[pre];
    if (icmp) return icmp;
    return 'Not Established';
  }
  switch (raw) {
    case 'ECO':
    case 'UNK':
    case 'CON':
    case 'EST':
      return 'Established';
    case 'RST':
    case 'FIN':
      return pkts <= 3 ? 'Not Established' : 'Established';
    default:
      // nfdump writes TCP flags (`...A.RS.`): an ACK with data both ways means the handshake completed.
      if (source === 'nfdump') return nfdumpState(raw);
      return 'Not Established';
  }
}

/** nfdump has no state, only the OR of TCP flags; SYN and ACK seen together means the connection was set up. */
function nfdumpState(flags: string): InterpretedState {
  return flags.includes('S') && flags.includes('A') ? 'Established' : 'Not Established';
}

/** The state as upstream spells it inside feature key names (`DstIPsClientTCPNotEstablished`). */
export function stateKey(s: InterpretedState): string {
  return s.replace(/ /g, '');
}
