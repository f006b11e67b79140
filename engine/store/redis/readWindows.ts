// Reading the parts of an analysis kept in Redis one at a time, for a reader that comes back often
// (Kalipso refreshing over a growing analysis) or reads it all once (readStore.ts). Values that are not
// what this engine wrote are reported through `problem` with their key, and left out.
import type { Redis } from 'ioredis';
import type { Evidence } from '../../evidence/types';
import type { WindowSummary } from '../../profiler/types';
import type { TimelineEntry } from '../../output/timeline/activity';
import { evidenceFromRedis } from './evidenceFromRedis';
import { KEYS, evidenceKey, parseTwid, timelineKey } from './slipsKeys';

export type ProblemSink = (message: string) => void;

export interface StoredProfile {
  ip: string;
  id: string;
  firstSeen: number;
}

export interface StoredWindow {
  number: number;
  start: number;
  end: number;
  lastModified: number;
  summary: WindowSummary;
}

const PROFILE_PREFIX = 'profile_';

/** Profiles in first-seen order. */
export async function readProfiles(redis: Redis): Promise<StoredProfile[]> {
  if ((await redis.type(KEYS.profiles)) !== 'zset') return [];
  const flat = await redis.zrange(KEYS.profiles, 0, -1, 'WITHSCORES');
  const out: StoredProfile[] = [];
  for (let i = 0; i < flat.length; i += 2) {
    const id = flat[i]!;
    if (id.startsWith(PROFILE_PREFIX))
      out.push({ id, ip: id.slice(PROFILE_PREFIX.length), firstSeen: Number(flat[i + 1]) });
  }
  return out;
}

/** The profile hash's host facts (MAC, host name, geocountry, asn, ...) without the bookkeeping fields. */
export async function readProfileInfo(redis: Redis, id: string): Promise<[string, string][]> {
  if ((await redis.type(id)) !== 'hash') return [];
  const h = await redis.hgetall(id);
  return Object.entries(h).filter(([k]) => k !== 'starttime' && k !== 'duration');
}

/** Closed windows per profile id, sorted by number (our `sn:timewindows` records). */
export async function readWindows(redis: Redis, problem: ProblemSink): Promise<Map<string, StoredWindow[]>> {
  const out = new Map<string, StoredWindow[]>();
  if ((await redis.type(KEYS.windows)) !== 'hash') return out;
  for (const [field, value] of Object.entries(await redis.hgetall(KEYS.windows))) {
    const cut = field.lastIndexOf('_');
    const number = parseTwid(field.slice(cut + 1));
    let w: Partial<StoredWindow> | undefined;
    try {
      w = JSON.parse(value) as Partial<StoredWindow>;
    } catch {
      w = undefined;
    }
    if (
      cut < 0 ||
      number === undefined ||
      !w ||
      w.number !== number ||
      !w.summary ||
      typeof w.start !== 'number'
    ) {
      problem(`${KEYS.windows} field ${field}: not a window record`);
      continue;
    }
    const id = field.slice(0, cut);
    let list = out.get(id);
    if (!list) out.set(id, (list = []));
    list.push(w as StoredWindow);
  }
  for (const list of out.values()) list.sort((a, b) => a.number - b.number);
  return out;
}

/** A window's evidence in the order the run raised it. */
export async function readWindowEvidence(
  redis: Redis,
  id: string,
  tw: number,
  problem: ProblemSink,
): Promise<{ evidence: Evidence; seq: number }[]> {
  const key = evidenceKey(id, tw);
  if ((await redis.type(key)) !== 'hash') return [];
  const out: { evidence: Evidence; seq: number }[] = [];
  for (const [field, value] of Object.entries(await redis.hgetall(key))) {
    const got = evidenceFromRedis(value);
    if (typeof got === 'string') problem(`${key} field ${field}: ${got}`);
    else out.push(got);
  }
  return out.sort((a, b) => a.seq - b.seq);
}

/** A window's timeline in flow time order, or undefined when Redis holds none for it. */
export async function readTimeline(
  redis: Redis,
  id: string,
  tw: number,
  problem: ProblemSink,
): Promise<TimelineEntry[] | undefined> {
  const key = timelineKey(id, tw);
  if ((await redis.type(key)) !== 'zset') return undefined;
  const flat = await redis.zrange(key, 0, -1, 'WITHSCORES');
  const rows: { ts: number; n: number; activity: Record<string, unknown> }[] = [];
  for (let i = 0; i < flat.length; i += 2) {
    let a: Record<string, unknown>;
    try {
      a = JSON.parse(flat[i]!) as Record<string, unknown>;
    } catch {
      problem(`${key}: a member is not JSON`);
      continue;
    }
    const n = typeof a.sn_n === 'number' ? a.sn_n : 0;
    delete a.sn_n;
    rows.push({ ts: Number(flat[i + 1]), n, activity: a });
  }
  rows.sort((a, b) => a.ts - b.ts || a.n - b.n);
  return rows.map((r) => ({ ts: r.ts, activity: r.activity }));
}
