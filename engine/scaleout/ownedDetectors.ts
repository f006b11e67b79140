// A worker's detectors see every record the worker received, whoever owns its profiles, because several
// detections keep state across profiles (the traffic clock that settles "connection without DNS"
// candidates, whether any DNS was seen yet, MAC bindings, FTP data ports): the closer their input is to
// the whole input, the closer their results are to one process's. What they report is kept only for
// profiles this partition owns; the partition owning the other profiles reports those, so every
// evidence is raised exactly once across the workers.
import type { Detector, DetectorContext } from '../detectors/detector';
import type { Evidence } from '../evidence/types';

const PROFILE_PREFIX = 'profile_'.length;

export function ownedDetectors(detectors: readonly Detector[], owns: (ip: string) => boolean): Detector[] {
  // The engine hands one context object to every detector in turn: it is wrapped once, not once per detector.
  let from: object | undefined;
  let to: object | undefined;
  const wrap = <C extends Pick<DetectorContext, 'emit'>>(ctx: C): C => {
    if (ctx !== from) {
      const emit = ctx.emit;
      from = ctx;
      to = {
        ...ctx,
        emit: (e: Evidence) => {
          if (owns(e.profile.slice(PROFILE_PREFIX))) emit(e);
        },
      };
    }
    return to as C;
  };
  return detectors.map((d) => ({
    name: d.name,
    problems: d.problems,
    onRecord: (rec, ctx) => d.onRecord(rec, wrap(ctx)),
    onWindowClosed: d.onWindowClosed ? (tw, ctx) => d.onWindowClosed!(tw, wrap(ctx)) : undefined,
    onEnd: d.onEnd ? (ctx) => d.onEnd!(wrap(ctx)) : undefined,
  }));
}
