// The one interface every detection family implements (DESIGN.md). A detector sees records after the
// profiler has placed them, reads the window's features, and emits evidence; it never reads files
// and never prints.
import type { FlowRecord } from '../flow';
import type { Evidence } from '../evidence/types';
import type { InterpretedState, Profile, Role, TimeWindow } from '../profiler/types';
import type { SlipsConfig } from '../config/config';
import type { NetworkKnowledge } from './networkKnowledge';

export interface DetectorContext {
  profile: Profile;
  tw: TimeWindow;
  role: Role;
  /** Interpreted state for conn records. */
  state: InterpretedState | undefined;
  config: SlipsConfig;
  /** Local network, DNS answers and DHCP servers learnt so far (updated before each record). */
  knowledge: NetworkKnowledge;
  emit(e: Evidence): void;
}

export interface Detector {
  /** Module name as in `modules.disable` (e.g. `flow_alerts`, `network_discovery`). */
  readonly name: string;
  /** Problems with the detector's own data files (file, line, why), reported like input problems. */
  readonly problems?: readonly { file: string; line: number; reason: string }[];
  onRecord(rec: FlowRecord, ctx: DetectorContext): void;
  onWindowClosed?(tw: TimeWindow, ctx: Omit<DetectorContext, 'role' | 'state'>): void;
  /** End of input, before the remaining windows close: emit what waited for more traffic. */
  onEnd?(ctx: Pick<DetectorContext, 'config' | 'knowledge' | 'emit'>): void;
}
