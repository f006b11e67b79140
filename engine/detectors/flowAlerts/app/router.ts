// One Detector per module that hands each record only to the detections that read its kind. The engine
// calls every detector for every record; with a dozen detections per module, most of those calls
// would only find the record is of another kind, and at a million flows that dispatch alone costs
// more than the detections. Each detection stays its own class and says which kinds it reads; the
// ones that wait in traffic time read every record ('*') to see time pass.
import type { FlowKind, FlowRecord } from '../../../flow';
import { ZEEK_LOG_KINDS } from '../../../flow';
import type { TimeWindow } from '../../../profiler/types';
import type { Detector, DetectorContext } from '../../detector';

export interface RoutedDetector extends Detector {
  /** Record kinds the detection reads; '*' for every record. */
  readonly kinds: readonly (FlowKind | '*')[];
}

export class KindRouter implements Detector {
  private readonly byKind = new Map<string, RoutedDetector[]>();

  constructor(
    readonly name: string,
    readonly detectors: readonly RoutedDetector[],
  ) {
    for (const kind of ZEEK_LOG_KINDS) {
      const list = detectors.filter((d) => d.kinds.includes('*') || d.kinds.includes(kind));
      if (list.length) this.byKind.set(kind, list);
    }
  }

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    const list = this.byKind.get(rec.kind);
    if (list === undefined) return;
    for (let i = 0; i < list.length; i++) list[i]!.onRecord(rec, ctx);
  }

  onWindowClosed(tw: TimeWindow, ctx: Omit<DetectorContext, 'role' | 'state'>): void {
    for (const d of this.detectors) d.onWindowClosed?.(tw, ctx);
  }

  onEnd(ctx: Pick<DetectorContext, 'config' | 'knowledge' | 'emit'>): void {
    for (const d of this.detectors) d.onEnd?.(ctx);
  }
}
