// The editor's language features as the kernel answers them: completions with the loaded session's IPs,
// evidence types and ids, hover docs (keywords, and a profile's totals for one of its IPs), and the
// cell's diagnostics. The language module (kernel/lang/completions.ts) does the work; this file adds
// what only a running session knows and keeps the answers small enough to send on every keystroke.
import type { Profile } from '../../engine/profiler/types';
import {
  completions,
  diagnostics,
  factsOf,
  hover,
  type Completions,
  type Diagnostic,
  type Hover,
  type SessionFacts,
} from '../lang/completions';
import type { Loaded } from '../session/session';

/** Most items one answer carries: a session with 100 000 IPs must not send them all per keystroke. */
export const MAX_COMPLETION_ITEMS = 500;

export interface CompleteResult extends Completions {
  /** True when items were left out: the editor asks again as more of the word is typed. */
  incomplete: boolean;
}

/** A session's facts are gathered once per load (the same Loaded object until the next load). */
const factsCache = new WeakMap<Loaded, SessionFacts>();

export function sessionFacts(loaded: Loaded | undefined): SessionFacts | undefined {
  if (!loaded) return undefined;
  let facts = factsCache.get(loaded);
  if (!facts) {
    const ips = Array.from(loaded.store.profiles(), (p) => p.ip);
    facts = factsOf(loaded.sink.evidenceList, ips);
    // A load that was interrupted or is a live capture keeps growing: do not keep a stale list.
    if (!loaded.cancelled && !loaded.capture) factsCache.set(loaded, facts);
  }
  return facts;
}

/** Everything that fits where the cursor's word starts, so the editor can filter fuzzily as the user
 *  types; only when that is too long, the items starting with what is typed already. */
export function completeAt(text: string, offset: number, loaded: Loaded | undefined): CompleteResult {
  const facts = sessionFacts(loaded);
  const typed = completions(text, offset, facts);
  const all = completions(text, typed.from, facts);
  const items = all.items.length <= MAX_COMPLETION_ITEMS ? all.items : typed.items;
  return {
    from: typed.from,
    to: typed.to,
    items: items.slice(0, MAX_COMPLETION_ITEMS),
    incomplete: items.length > MAX_COMPLETION_ITEMS || items !== all.items,
  };
}

function profileHover(p: Profile): string {
  let flows = 0;
  let evidence = 0;
  let alerts = 0;
  for (const tw of p.windows.values()) {
    flows += tw.summary.flows;
    evidence += tw.summary.evidence;
    alerts += tw.summary.alerts;
  }
  const host = p.info.get('host_name');
  return (
    `**profile ${p.ip}**${host ? ` (${host})` : ''}: ${p.windows.size} time windows, ` +
    `${flows} flows, ${evidence} evidence, ${alerts} alerts`
  );
}

const IP_CHARS = /[0-9A-Fa-f.:]/;

/** Keyword docs, else the totals of the profile whose IP is under the cursor. */
export function hoverAt(text: string, offset: number, loaded: Loaded | undefined): Hover | null {
  const doc = hover(text, offset);
  if (doc) return doc;
  if (!loaded) return null;
  let from = offset;
  let to = offset;
  while (from > 0 && IP_CHARS.test(text[from - 1]!)) from--;
  while (to < text.length && IP_CHARS.test(text[to]!)) to++;
  const profile = from < to ? loaded.store.getProfile(text.slice(from, to)) : undefined;
  return profile ? { from, to, markdown: profileHover(profile) } : null;
}

/** The cell's problems; a crash in the checker is a bug, but it must not take the editor down with it. */
export function diagnose(text: string): Diagnostic[] {
  try {
    return diagnostics(text);
  } catch (err) {
    console.error(`diagnostics failed: ${(err as Error).stack ?? err}`);
    return [];
  }
}
