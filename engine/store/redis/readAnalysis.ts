// Reopening an analysis kept in Redis: nothing in the database is trusted blindly. A database without our
// marker (another tool's keys, or an empty one) is refused with one sentence; each stored alert is checked
// field by field, and one that does not hold what we wrote is reported with its key and skipped.
import type { Alert } from '../../evidence/types';
import type { Summary } from '../../summary';
import { connectRedis, RedisStoreError } from './openRedis';
import { KEYS, SCHEMA } from './slipsKeys';

export interface SavedAnalysis {
  state: string;
  summary: Summary | undefined;
  profiles: number;
  /** Alerts in the order the run raised them. */
  alerts: Alert[];
  /** One line per stored value that could not be used: key, field and why. */
  problems: string[];
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown): v is string => typeof v === 'string';

/** Why a stored alert is unusable, or undefined when it has every field the readers use. */
function alertProblem(a: Record<string, unknown>): string | undefined {
  if (!isStr(a.id) || !isStr(a.profile) || !isStr(a.ip)) return 'id, profile or ip is not a string';
  const tw = a.timewindow as Record<string, unknown> | undefined;
  if (!tw || !isNum(tw.number) || !isNum(tw.start) || !isNum(tw.end))
    return 'timewindow is not {number, start, end}';
  if (!isNum(a.lastFlowTime) || !isNum(a.accumulatedThreatLevel))
    return 'lastFlowTime or accumulatedThreatLevel is not a number';
  if (!Array.isArray(a.correlIds) || !a.correlIds.every(isStr)) return 'correlIds is not a list of ids';
  const e = a.lastEvidence as Record<string, unknown> | undefined;
  if (!e || !isStr(e.description) || !isStr(e.threatLevel) || !isNum(e.timestamp))
    return 'lastEvidence is incomplete';
  return undefined;
}

export async function readSavedAnalysis(url: string): Promise<SavedAnalysis> {
  const redis = await connectRedis(url);
  try {
    const type = await redis.type(KEYS.marker);
    const schema = type === 'hash' ? await redis.hget(KEYS.marker, 'schema') : null;
    if (schema !== SCHEMA)
      throw new RedisStoreError(
        `${url} holds no analysis of this engine ('${KEYS.marker}' is ${type === 'none' ? 'missing' : `a ${type} with schema ${schema}`})`,
      );
    const problems: string[] = [];
    const marker = await redis.hgetall(KEYS.marker);
    let summary: Summary | undefined;
    if (marker.summary !== undefined)
      try {
        summary = JSON.parse(marker.summary) as Summary;
      } catch {
        problems.push(`${KEYS.marker} field summary: not JSON`);
      }
    const profilesType = await redis.type(KEYS.profiles);
    if (profilesType !== 'zset' && profilesType !== 'none')
      problems.push(`${KEYS.profiles}: a ${profilesType}, not the zset of profiles`);
    const profiles = profilesType === 'zset' ? await redis.zcard(KEYS.profiles) : 0;

    const alertsType = await redis.type(KEYS.alerts);
    const raw = alertsType === 'hash' ? await redis.hgetall(KEYS.alerts) : {};
    if (alertsType !== 'hash' && alertsType !== 'none')
      problems.push(`${KEYS.alerts}: a ${alertsType}, not a hash`);
    const found: { seq: number; alert: Alert }[] = [];
    for (const [field, value] of Object.entries(raw).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      let rec: { seq?: unknown; alert?: Record<string, unknown> };
      try {
        rec = JSON.parse(value);
      } catch {
        problems.push(`${KEYS.alerts} field ${field}: not JSON`);
        continue;
      }
      const why = !rec || !isNum(rec.seq) || !rec.alert ? 'not {seq, alert}' : alertProblem(rec.alert);
      if (!why && rec.alert!.id !== field)
        problems.push(`${KEYS.alerts} field ${field}: holds alert ${String(rec.alert!.id)}`);
      else if (why) problems.push(`${KEYS.alerts} field ${field}: ${why}`);
      else found.push({ seq: rec.seq as number, alert: rec.alert as unknown as Alert });
    }
    found.sort((a, b) => a.seq - b.seq);
    return {
      state: marker.state ?? 'unknown',
      summary,
      profiles,
      alerts: found.map((f) => f.alert),
      problems,
    };
  } finally {
    redis.disconnect();
  }
}
