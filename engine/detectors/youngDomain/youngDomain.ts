// YOUNG_DOMAIN (4.2.2, flow_alerts' DNS analyzer): a host resolved a name whose domain was registered
// less than 60 days before the query. Upstream raises one evidence per IP in the answer (attacker =
// that IP, threat level low) plus one for the querying host (info), all confidence 1 and linked.
// Upstream checks DNS queries only (not SNIs or HTTP hosts), skipping `.local` and `.arpa` names.
//
// The registration date comes from RDAP, looked up in the background (engine/enrich/cache/
// onlineEnrichment.ts says why): each query asks for its registrable domain and waits here; at the end
// of the input, once the lookups are back, the queries of young domains are reported in traffic-time
// order, into their own windows. The age is measured to the query's own time, not to today, so the
// same capture always gives the same ages. A registration later than the query says nothing about the
// domain at the time (a name registered again since), and is not reported.
//
// Differences: upstream files each answer IP's evidence under that IP's own profile; here, as for
// every evidence naming a destination as attacker in this engine, it is filed in the querying host's
// window (the engine keeps no windows for hosts that have no profile).
import type { DnsRecord, FlowRecord } from '../../flow';
import type { Evidence } from '../../evidence/types';
import { isValidIp } from '../../net/ip';
import { ownString } from '../../ownString';
import type { TimeWindow } from '../../profiler/types';
import type { Detector, DetectorContext } from '../detector';
import { ipParty, makeEvidence } from '../makeEvidence';
import { registrableDomain } from '../flowAlerts/app/domains';
import { type DomainAgeSource, type UsesDomainAges, ageInDays } from '../../enrich/rdap/domainAge';

/** Upstream's threshold: a domain younger than this many days is young. */
export const YOUNG_DOMAIN_DAYS = 60;
/** Upstream module that raises it. */
const MODULE = 'flow_alerts';
/** Queries waiting for their domain's answer at most (memory bound for huge DNS captures). */
const MAX_WAITING = 500_000;
/** Waiting queries are checked against the answers back so far when their number doubles (at least this many). */
const PRUNE_EVERY = 10_000;

/** What the evidence needs of a query, copied out of the record (which would keep its input chunk alive). */
interface Query {
  ts: number;
  uid: string;
  saddr: string;
  query: string;
  answers: string[];
  proto: string;
  sport: number;
  dport: number;
}

interface Waiting {
  rec: Query;
  tw: TimeWindow;
  domain: string;
}

function queryOf(rec: DnsRecord): Query {
  return {
    ts: rec.ts,
    uid: ownString(rec.uid),
    saddr: ownString(rec.saddr),
    query: ownString(rec.query),
    answers: rec.answers.filter((a) => isValidIp(a)).map(ownString),
    proto: rec.proto,
    sport: rec.sport,
    dport: rec.dport,
  };
}

export class YoungDomain implements Detector, UsesDomainAges {
  readonly name = MODULE;
  private ages: DomainAgeSource | undefined;
  private waiting: Waiting[] = [];
  private leftOut = 0;
  private nextPrune = PRUNE_EVERY;

  useDomainAges(source: DomainAgeSource): void {
    this.ages = source;
  }

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (this.ages === undefined || rec.kind !== 'dns' || ctx.role !== 'Client') return;
    const q = rec.query;
    if (!q || q.endsWith('.local') || q.endsWith('.arpa')) return;
    const domain = registrableDomain(q);
    // A single label (`wpad`) or a bare suffix has no registration to ask about.
    if (!domain.includes('.')) return;
    this.ages.request(domain);
    // A registration already known to be old for this query can never make it young: not kept.
    const known = this.ages.answer(domain);
    if (known === null || (known !== undefined && !isYoung(known, rec.ts))) return;
    if (this.waiting.length >= this.nextPrune) this.prune();
    if (this.waiting.length >= MAX_WAITING) {
      this.leftOut++;
      return;
    }
    this.waiting.push({ rec: queryOf(rec), tw: ctx.tw, domain: ownString(domain) });
  }

  onEnd(ctx: Pick<DetectorContext, 'emit'>): void {
    const waiting = this.waiting;
    this.waiting = [];
    // Stable: queries of the same instant stay in input order.
    waiting.sort((a, b) => a.rec.ts - b.rec.ts);
    for (const w of waiting) {
      const registered = this.ages?.answer(w.domain);
      if (!registered || !isYoung(registered, w.rec.ts)) continue;
      for (const e of youngDomainEvidence(w, ageInDays(registered, w.rec.ts), registered)) ctx.emit(e);
    }
  }

  /** Drops waiting queries whose answer came back meanwhile and cannot make them young. */
  private prune(): void {
    const ages = this.ages!;
    this.waiting = this.waiting.filter((w) => {
      const known = ages.answer(w.domain);
      return known === undefined || (known !== null && isYoung(known, w.rec.ts));
    });
    this.nextPrune = Math.max(PRUNE_EVERY, 2 * this.waiting.length);
  }

  /** Queries not judged because too many waited (for the run's report). */
  get queriesLeftOut(): number {
    return this.leftOut;
  }
}

function isYoung(registered: string, ts: number): boolean {
  const age = ageInDays(registered, ts);
  return age >= 0 && age < YOUNG_DOMAIN_DAYS;
}

function youngDomainEvidence(w: Waiting, age: number, registered: string): Evidence[] {
  const { rec, tw } = w;
  const description = `connection to a young domain: ${rec.query} registered ${age} days ago.`;
  const common = {
    type: 'YOUNG_DOMAIN' as const,
    description,
    confidence: 1,
    tw,
    uids: [rec.uid],
    timestamp: rec.ts,
    proto: rec.proto,
    srcPort: rec.sport,
    dstPort: rec.dport,
    module: MODULE,
  };
  const facts = () => ({ query: rec.query, domain: w.domain, registered, age_days: age });
  const answers = [...new Set(rec.answers)];
  const byAnswer = answers.map((ip) =>
    makeEvidence({ ...common, attacker: ipParty(ip, 'DST'), threatLevel: 'low', facts: facts() }),
  );
  const host = makeEvidence({
    ...common,
    attacker: ipParty(rec.saddr, 'SRC'),
    threatLevel: 'info',
    facts: facts(),
  });
  // Linked as upstream: each answer's evidence names the host's, the host's names all answers'.
  for (const e of byAnswer) e.relIds = [host.id];
  if (byAnswer.length) host.relIds = byAnswer.map((e) => e.id);
  return [...byAnswer, host];
}
