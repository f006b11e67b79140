// The run's online enrichment: VirusTotal scores and reverse DNS of profile IPs, RDAP registration
// dates of queried domains (for YOUNG_DOMAIN), behind the persistent cache, recorded for replay.
//
// Why lookups happen off the hot path and apply at the end of the input: the engine handles a batch
// of records synchronously, and a lookup takes from milliseconds (cache) to minutes (VirusTotal's 4
// requests a minute). So records only *ask* (a Set check and a queue push); the lookups run while the
// reader parses the next batches; and the answers are applied once, when the input has ended and the
// engine has waited for them (at most `ip_info.lookup_wait` seconds): profile info is filled then, and
// YOUNG_DOMAIN evidence is raised then, in traffic-time order, into the windows of the DNS queries.
// Applying at one fixed point, never "whenever an answer happens to arrive", is what keeps a run's
// output independent of network timing: a recording run and its replay (enrichment.json) give the
// same evidence and alerts. A pre-pass over file inputs would do the same but read every file twice.
import { isPrivateIp, isSpecialTarget } from '../../net/ip';
import type { SlipsConfig } from '../../config/config';
import type { Profile } from '../../profiler/types';
import { type Answer, BackgroundLookups, type LookupSource } from './backgroundLookups';
import type { EnrichmentCache } from './enrichmentCache';
import { readEnrichmentRecord, writeEnrichmentRecord } from './enrichmentRecord';
import { FileEnrichmentCache, defaultCacheFile } from './fileCache';
import { type LookupClock, systemClock } from './lookupClock';
import { RedisEnrichmentCache } from './redisCache';
import { VtClient, type VtScores } from '../vt/vtClient';
import { readVtApiKey } from '../vt/vtApiKey';
import { vtProfileFields, vtSource } from '../vt/vtSource';
import { rdapSource } from '../rdap/rdapClient';
import { usesDomainAges } from '../rdap/domainAge';
import { type ReverseResolver, reverseDnsSource, systemReverseResolver } from '../rdns/reverseDns';

export interface OnlineEnrichmentOptions {
  config: SlipsConfig;
  /** One line per problem (key refused, service unreachable, corrupted cache, ...). */
  onProblem(line: string): void;
  /** The persistent cache; default: Redis DB 1 when `redisUrl` is given, else the cache-folder file. */
  cache?: EnrichmentCache;
  /** The analysis' Redis (`--redis`): the cache then lives in database 1 of that server. */
  redisUrl?: string;
  clock?: LookupClock;
  reverseResolver?: ReverseResolver;
  env?: NodeJS.ProcessEnv;
}

export class OnlineEnrichment {
  readonly vt?: BackgroundLookups<VtScores>;
  readonly rdap?: BackgroundLookups<string>;
  readonly rdns?: BackgroundLookups<string>;
  readonly vtClient?: VtClient;
  private readonly cache?: EnrichmentCache;
  private readonly seen = new WeakSet<Profile>();
  private readonly waitMs: number;
  private readonly onProblem: (line: string) => void;

  /** None when the configuration turns online lookups off and replays nothing. */
  static create(o: OnlineEnrichmentOptions): OnlineEnrichment | undefined {
    const { ipInfo } = o.config;
    if (!ipInfo.onlineLookups && !ipInfo.replayEnrichment) return undefined;
    return new OnlineEnrichment(o);
  }

  constructor(o: OnlineEnrichmentOptions) {
    const { ipInfo, virustotal, disabledModules } = o.config;
    // Upstream's modules: ip_info gives reverse DNS and domain ages, virustotal the scores.
    const withIpInfo = !disabledModules.includes('ip_info');
    const withVt = !disabledModules.includes('virustotal');
    const clock = o.clock ?? systemClock;
    this.onProblem = o.onProblem;
    this.waitMs = ipInfo.lookupWait * 1000;
    const common = { clock, onProblem: o.onProblem };

    if (ipInfo.replayEnrichment) {
      let recorded = new Map<string, Map<string, unknown>>();
      try {
        recorded = readEnrichmentRecord(ipInfo.replayEnrichment);
      } catch (err) {
        o.onProblem(`${(err as Error).message}; this run has no online enrichment`);
      }
      const replayOf = <V>(source: LookupSource<V>) =>
        new BackgroundLookups<V>({
          ...common,
          source,
          refreshSeconds: 0,
          replay: (recorded.get(source.namespace) ?? new Map()) as Map<string, Answer<V>>,
        });
      const never = { fetch: () => Promise.reject(new Error('replay only')) };
      if (withVt) this.vt = replayOf<VtScores>({ namespace: 'virustotal_ip', label: 'VirusTotal', ...never });
      if (withIpInfo) {
        this.rdap = replayOf<string>({ namespace: 'rdap_registration', label: 'RDAP', ...never });
        this.rdns = replayOf<string>({ namespace: 'reverse_dns', label: 'reverse DNS', ...never });
      }
      return;
    }

    this.cache =
      o.cache ??
      (o.redisUrl
        ? new RedisEnrichmentCache(o.redisUrl, o.onProblem)
        : new FileEnrichmentCache(defaultCacheFile(), o.onProblem));
    const cached = { ...common, cache: this.cache, refreshSeconds: ipInfo.lookupUpdatePeriod };

    if (withIpInfo) {
      if (/^https?:\/\//.test(ipInfo.rdapBaseUrl))
        this.rdap = new BackgroundLookups({ ...cached, source: rdapSource(ipInfo.rdapBaseUrl) });
      else
        o.onProblem(
          `RDAP: '${ipInfo.rdapBaseUrl}' is not an http(s) URL (ip_info.rdap_base_url); domain ages are off`,
        );
      this.rdns = new BackgroundLookups({
        ...cached,
        source: reverseDnsSource(o.reverseResolver ?? systemReverseResolver()),
      });
    }

    if (!withVt) return;
    const key = readVtApiKey(virustotal.apiKeyFile, o.env);
    if ('missing' in key) {
      o.onProblem(`VirusTotal: ${key.missing}; VirusTotal lookups are off`);
      return;
    }
    this.vtClient = new VtClient({ apiKey: key.key, baseUrl: virustotal.baseUrl, clock });
    this.vt = new BackgroundLookups({
      ...cached,
      refreshSeconds: virustotal.updatePeriod,
      // The rate limiter queues; one request at a time keeps the queue in request order.
      concurrency: 1,
      source: vtSource(this.vtClient, 'ip'),
    });
  }

  /** Hands the domain-age lookups to the detectors that read them (YOUNG_DOMAIN). */
  connect(detectors: readonly object[]): void {
    if (!this.rdap) return;
    for (const d of detectors) if (usesDomainAges(d)) d.useDomainAges(this.rdap);
  }

  /** A record of `profile` was seen: the first time, its IP is looked up. Cheap on every later record. */
  observe(profile: Profile): void {
    if (this.seen.has(profile)) return;
    this.seen.add(profile);
    this.rdns?.request(profile.ip);
    if (this.vt && !isPrivateIp(profile.ip) && !isSpecialTarget(profile.ip)) this.vt.request(profile.ip);
  }

  /** End of input: waits (bounded) for the lookups still running. */
  async settle(): Promise<void> {
    await Promise.all(this.services().map((s) => s.settle(this.waitMs)));
  }

  /** Upstream's IPsInfo fields this run knows, kept with the profile's host facts. */
  applyTo(profile: Profile): void {
    const name = this.rdns?.answer(profile.ip);
    if (name) profile.info.set('reverse_dns', name);
    const vt = this.vt?.answer(profile.ip);
    if (vt) for (const [k, v] of vtProfileFields(vt)) profile.info.set(k, v);
  }

  /** Writes enrichment.json into the output folder; its path (undefined when it could not be written). */
  writeRecord(outDir: string): string | undefined {
    const lookups: Record<string, Record<string, unknown>> = {};
    const add = (name: string, s: BackgroundLookups<unknown> | undefined) => {
      const answers = s?.recorded();
      // Only services that answered: a replay then records exactly what its recording did.
      if (answers && Object.keys(answers).length) lookups[name] = answers;
    };
    add('virustotal_ip', this.vt);
    add('rdap_registration', this.rdap);
    add('reverse_dns', this.rdns);
    try {
      return writeEnrichmentRecord(outDir, lookups);
    } catch (err) {
      this.onProblem(`cannot write ${outDir}/enrichment.json: ${(err as Error).message}`);
      return undefined;
    }
  }

  /** Stops what still runs and writes the cache. */
  async close(): Promise<void> {
    for (const s of this.services()) s.close();
    await this.cache?.close();
  }

  private services(): BackgroundLookups<unknown>[] {
    return [this.vt, this.rdap, this.rdns].filter((s): s is BackgroundLookups<never> => s !== undefined);
  }
}
