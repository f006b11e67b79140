// `explain EVIDENCE_ID`: an evidence with the numbers that triggered it (its facts), the records behind
// it found by the uids it kept, and the alerts it went into.
import type { Evidence } from '../../engine/evidence/types';
import type { FlowRecord } from '../../engine/flow';
import type { Name } from '../lang/ast';
import { SlipsError } from '../lang/errors';
import { MAX_ROWS, type ExplainPayload, type TablePayload, type Value } from '../protocol';
import type { Loaded } from '../session/session';
import { capString, capValue } from './cap';

/** A prefix this long is accepted in place of the whole id, when only one evidence starts with it. */
const MIN_PREFIX = 6;

export function findEvidence(loaded: Loaded, id: Name): Evidence {
  const list = loaded.sink.evidenceList;
  const exact = list.find((e) => e.id === id.name);
  if (exact) return exact;
  const byPrefix = id.name.length >= MIN_PREFIX ? list.filter((e) => e.id.startsWith(id.name)) : [];
  if (byPrefix.length === 1) return byPrefix[0]!;
  if (byPrefix.length > 1)
    throw new SlipsError(
      `${byPrefix.length} evidence ids start with ${id.name}: give more of the id`,
      id.pos,
    );
  throw new SlipsError(
    `no evidence has the id ${id.name}: list them with \`evidence | select id, type, description\``,
    id.pos,
  );
}

export function explainPayload(loaded: Loaded, e: Evidence): ExplainPayload {
  return {
    kind: 'explain',
    evidence: {
      id: e.id,
      type: e.evidenceType,
      description: capString(e.description),
      profile: e.profile.slice('profile_'.length),
      tw: e.timewindow.number,
      timestamp: e.timestamp,
      threatLevel: e.threatLevel,
      confidence: e.confidence,
      attacker: capString(e.attacker.value),
      victim: e.victim ? capString(e.victim.value) : null,
      module: e.module,
      uids: e.uids.length,
    },
    facts: Object.fromEntries(
      Object.entries(e.facts).map(([k, v]) => [k, typeof v === 'string' ? capString(v) : v]),
    ),
    flows: flowsBehind(loaded, e),
    alerts: loaded.sink.alertList.filter((a) => a.correlIds.includes(e.id)).map((a) => a.id),
  };
}

const COLUMNS = [
  { name: 'kind', type: 'string' },
  { name: 'ts', type: 'time' },
  { name: 'uid', type: 'string' },
  { name: 'saddr', type: 'string' },
  { name: 'sport', type: 'number' },
  { name: 'daddr', type: 'string' },
  { name: 'dport', type: 'number' },
  { name: 'proto', type: 'string' },
  { name: 'detail', type: 'string' },
] as const;

function flowsBehind(loaded: Loaded, e: Evidence): TablePayload {
  const uids = new Set(e.uids);
  const found: FlowRecord[] = [];
  const t = loaded.sink.conn;
  if (uids.size) {
    for (let r = 0; r < t.length; r++) if (uids.has(t.uid[r]!)) found.push(t.record(r));
    for (const list of loaded.sink.others.values())
      for (const rec of list) if (uids.has(rec.uid)) found.push(rec);
  }
  found.sort((a, b) => a.ts - b.ts || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  const rows: Value[][] = found
    .slice(0, MAX_ROWS)
    .map((f) =>
      [f.kind, f.ts, f.uid, f.saddr, f.sport, f.daddr, f.dport, f.proto, capString(detail(f))].map(capValue),
    );
  return {
    kind: 'table',
    title: `records behind ${e.id}`,
    columns: COLUMNS.map((c) => ({ ...c })),
    rows,
    total: found.length,
  };
}

/** What the record is about, in a few words. */
function detail(f: FlowRecord): string {
  switch (f.kind) {
    case 'conn':
      return `${f.state} ${f.sbytes}/${f.dbytes} bytes ${f.spkts}/${f.dpkts} pkts ${f.dur}s`;
    case 'dns':
      return `${f.query} ${f.qtypeName} ${f.rcodeName} ${f.answers.join(',')}`.trim();
    case 'http':
      return `${f.method} ${f.host}${f.uri} ${f.statusCode || ''} UA: ${f.userAgent}`;
    case 'ssl':
      return `${f.version} SNI: ${f.serverName} subject: ${f.subject}`;
    case 'ssh':
      return `${f.client} → ${f.server} auth: ${f.authSuccess === undefined ? '?' : f.authSuccess} attempts: ${f.authAttempts}`;
    case 'notice':
      return `${f.note}: ${f.msg}`;
    case 'smtp':
      return `${f.mailfrom} → ${f.rcptto.join(',')} ${f.lastReply}`;
    case 'arp':
      return `${f.operation} ${f.smac} → ${f.dmac}`;
    case 'files':
      return `${f.mimeType} ${f.size} bytes ${f.md5}`;
    default:
      return '';
  }
}
