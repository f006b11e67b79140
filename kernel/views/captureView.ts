// `capture IFACE …` and `blocking`: what the capture read and found (as after `load`), tcpdump's own
// counts, and with `block` the addresses blocked when it stopped, with the time left on each block in
// traffic time (never the wall clock: a block lasts until the traffic reaches the end of a window).
import { MAX_ROWS, type BlockingPayload, type CapturePayload } from '../protocol';
import type { BlockingInfo, CaptureInfo } from '../session/capture';
import { SessionError, type Loaded } from '../session/session';
import { loadPayload } from './loadView';

export function capturePayload(loaded: Loaded): CapturePayload {
  const c = loaded.capture!;
  return {
    kind: 'capture',
    iface: c.iface,
    filter: c.filter,
    duration: c.duration,
    stoppedBy: c.stoppedBy,
    packetsCaptured: c.stats?.captured ?? null,
    packetsReceivedByFilter: c.stats?.receivedByFilter ?? null,
    packetsDroppedByKernel: c.stats?.droppedByKernel ?? null,
    load: loadPayload(loaded),
    blocking: c.blocking ? blockingOf(c, c.blocking) : null,
  };
}

/** `blocking`: the blocks of the session's capture, which must have run with `block`. */
export function blockingPayload(loaded: Loaded): BlockingPayload {
  const c = loaded.capture;
  if (!c)
    throw new SessionError(
      `${loaded.input} was loaded, not captured: blocking shows the blocks of \`capture IFACE … block\``,
    );
  if (!c.blocking)
    throw new SessionError(
      `the capture on ${c.iface} ran without block: run \`capture ${c.iface} … block\` to block attackers`,
    );
  return blockingOf(c, c.blocking);
}

function blockingOf(c: CaptureInfo, b: BlockingInfo): BlockingPayload {
  const now = Number.isFinite(b.trafficTime) ? b.trafficTime : null;
  return {
    kind: 'blocking',
    iface: c.iface,
    mode: b.mode,
    backend: b.backend,
    applied: b.applied,
    trafficTime: now,
    blocks: b.blocks
      .map((s) => ({
        ip: s.ip,
        since: s.since,
        until: s.until,
        remaining: Math.max(0, s.until - (now ?? s.since)),
        extensions: s.extensions,
        tw: s.window,
      }))
      .sort((x, y) => x.until - y.until || x.ip.localeCompare(y.ip)),
    log: b.log.slice(-MAX_ROWS),
    logTotal: b.log.length,
    logFile: b.logFile,
  };
}
