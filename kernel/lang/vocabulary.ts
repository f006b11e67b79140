// The words the language knows, in one place: the parser checks against them, suggestions come from
// them, and editor completion can list them.
import { ZEEK_LOG_KINDS } from '../../engine/flow';

export const COMMANDS = ['load', 'profile', 'timeline', 'letters', 'explain'] as const;

/** Query sources: `flows` is the connection records (`conn` says the same); every other record kind by its name. */
export const SOURCES = ['profiles', 'timewindows', 'flows', ...ZEEK_LOG_KINDS, 'evidence', 'alerts'] as const;
export type SourceName =
  'profiles' | 'timewindows' | 'flows' | 'evidence' | 'alerts' | (typeof ZEEK_LOG_KINDS)[number];

export const STAGES = ['where', 'count', 'sort', 'top', 'limit', 'select'] as const;

export const LOAD_OPTIONS = ['width', 'direction', 'config', 'disable'] as const;
export type LoadOptionName = (typeof LOAD_OPTIONS)[number];

/** Words of conditions, for suggestions when an operator is misspelt. */
export const CONDITION_WORDS = ['in', 'contains', 'matches', 'and', 'or', 'not'] as const;

export function isSource(w: string): w is SourceName {
  return (SOURCES as readonly string[]).includes(w);
}
