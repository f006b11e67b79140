// The Engine wires one pipeline in one direction: reader → profiler → detectors → evidence → sinks.
// The CLI, the notebook kernel, the bench and the tests all drive exactly this class.
import type { FlowRecord } from './flow';
import type { Accounting } from './inputs/accounting';
import type { Reader } from './inputs/reader';
import type { SlipsConfig } from './config/config';
import type { Detector, DetectorContext } from './detectors/detector';
import type { Evidence, Party } from './evidence/types';
import { EvidenceAccumulator } from './evidence/accumulator';
import type { OutputSink } from './output/sink';
import { Profiler } from './profiler/profiler';
import { TimeWindowGrid } from './profiler/timeWindows';
import type { Profile, TimeWindow } from './profiler/types';
import { MemoryStore } from './store/memoryStore';
import type { Store } from './store/store';
import type { Summary } from './summary';
import { ENGINE_VERSION } from './version';
import { NetworkKnowledge } from './detectors/networkKnowledge';
import { loadWhitelist } from './whitelist/loadWhitelist';
import type { Whitelist } from './whitelist/whitelist';
import type { IpGeoLookup } from './enrich/geo/ipGeo';
import type { OnlineEnrichment } from './enrich/cache/onlineEnrichment';
import { MacVendorLookup } from './enrich/mac/macVendors';

export interface EngineOptions {
  store?: Store;
  sinks?: OutputSink[];
  detectors?: Detector[];
  /** The local whitelist; by default read from the file the configuration names (`whitelists.*`). */
  whitelist?: Whitelist;
  /** Offline country/AS enrichment (engine/enrich): fills evidence parties' AS and profiles' country and AS. */
  enrichment?: IpGeoLookup;
  /** Online lookups (VirusTotal, RDAP, reverse DNS): asked for per record, applied at the end of input. */
  online?: OnlineEnrichment;
  /** MAC vendors for profiles' MAC_vendor (and the incompatible-user-agent check); the shipped IEEE table by default. */
  macVendors?: MacVendorLookup;
  /** Called after each batch with the records done so far (progress bars, notebook progress). */
  onProgress?(recordsDone: number): void;
}

export class Engine {
  readonly store: Store;
  readonly profiler: Profiler;
  private readonly sinks: OutputSink[];
  private readonly detectors: Detector[];
  private readonly accumulator: EvidenceAccumulator;
  private readonly byKind = new Map<string, number>();
  readonly knowledge: NetworkKnowledge;
  readonly whitelist: Whitelist;
  private readonly macVendors: MacVendorLookup;
  /** Set only when the whitelist has entries for that job, so an empty whitelist costs one check per record. */
  private readonly flowWhitelist: Whitelist | undefined;
  private readonly alertWhitelist: Whitelist | undefined;
  private readonly observeWhitelist: Whitelist | undefined;
  private readonly disabledDetections: ReadonlySet<string>;
  /** Records dropped by the whitelist, and how many of them the accounting already shows as skipped. */
  private whitelistedRecords = 0;
  private whitelistedAccounted = 0;
  private whitelistProblemsReported = false;
  /** Ids of evidence dropped by the whitelist (an id re-emitted is counted once). */
  private readonly whitelistedEvidence = new Set<string>();
  private readonly evidenceByType = new Map<string, number>();
  private firstTs = Infinity;
  private lastTs = -Infinity;

  constructor(
    readonly config: SlipsConfig,
    private readonly opts: EngineOptions = {},
  ) {
    this.store = opts.store ?? new MemoryStore();
    this.knowledge = new NetworkKnowledge(config.clientIps);
    this.whitelist = opts.whitelist ?? loadWhitelist(config);
    this.flowWhitelist = this.whitelist.filtersFlows ? this.whitelist : undefined;
    this.alertWhitelist = this.whitelist.filtersAlerts ? this.whitelist : undefined;
    this.observeWhitelist = this.whitelist.observes ? this.whitelist : undefined;
    this.disabledDetections = new Set(config.disabledDetections);
    this.sinks = opts.sinks ?? [];
    const disabled = new Set(config.disabledModules);
    this.detectors = (opts.detectors ?? []).filter((d) => !disabled.has(d.name));
    this.profiler = new Profiler(
      this.store,
      new TimeWindowGrid(config.timeWindowWidth, config.onlyOneTw),
      config.analysisDirection,
    );
    this.accumulator = new EvidenceAccumulator(
      config.evidenceDetectionThreshold,
      config.timeWindowWidth,
      this.disabledDetections,
      {
        evidence: (e, tw) => {
          this.evidenceByType.set(e.evidenceType, (this.evidenceByType.get(e.evidenceType) ?? 0) + 1);
          this.store.addEvidence(tw, e);
          for (const s of this.sinks) s.evidence?.(e);
        },
        alert: (a, tw) => {
          this.store.addAlert(tw, a);
          for (const s of this.sinks) s.alert?.(a);
        },
      },
    );
    const macVendors = opts.macVendors ?? new MacVendorLookup();
    this.macVendors = macVendors;
    this.profiler.macVendorOf = (mac) => macVendors.vendorOf(mac);
    const geo = opts.enrichment;
    if (geo)
      this.profiler.listen({
        onRecord: (_rec, profile) => {
          if (!profile.info.has('geocountry')) enrichProfile(profile, geo);
        },
      });
    const online = opts.online;
    if (online) {
      online.connect(this.detectors);
      this.profiler.listen({ onRecord: (_rec, profile) => online.observe(profile) });
    }
    if (this.detectors.length) this.profiler.listen(this.detectorListener());
    for (const s of this.sinks) this.profiler.listen(s);
    this.profiler.listen({ onWindowClosed: (tw) => this.accumulator.forget(tw) });
  }

  /** Reads the whole input and resolves with the summary once every sink has closed. */
  async run(reader: Reader, accounting: Accounting, input: string, signal?: AbortSignal): Promise<Summary> {
    this.reportWhitelistProblems(accounting);
    let done = 0;
    for await (const batch of reader.batches(signal)) {
      if (signal?.aborted) break;
      this.ingest(batch);
      this.accountWhitelisted(accounting);
      done += batch.length;
      this.opts.onProgress?.(done);
    }
    return this.finish(accounting, reader.format, input);
  }

  /** Profiles one batch; windows that fell a full width behind the traffic close afterwards. */
  ingest(batch: readonly FlowRecord[]): void {
    if (this.flowWhitelist) return this.ingestFiltered(batch, this.flowWhitelist);
    for (const s of this.sinks) s.records?.(batch);
    for (const rec of batch) {
      this.byKind.set(rec.kind, (this.byKind.get(rec.kind) ?? 0) + 1);
      if (rec.ts < this.firstTs) this.firstTs = rec.ts;
      if (rec.ts > this.lastTs) this.lastTs = rec.ts;
      this.knowledge.learn(rec);
      this.observeWhitelist?.observe(rec, this.knowledge);
      this.profiler.add(rec);
    }
    this.profiler.advance();
  }

  /**
   * ingest() with a whitelist that drops records. Whether a record is dropped depends on what the
   * records before it taught (DNS answers, SNI, MACs), so the network knowledge learns from every
   * record, dropped or not, in input order; sinks receive the kept records after the batch.
   */
  private ingestFiltered(batch: readonly FlowRecord[], whitelist: Whitelist): void {
    let kept: FlowRecord[] | undefined;
    for (let i = 0; i < batch.length; i++) {
      const rec = batch[i]!;
      this.knowledge.learn(rec);
      this.observeWhitelist?.observe(rec, this.knowledge);
      if (whitelist.flowIsWhitelisted(rec, this.knowledge)) {
        this.whitelistedRecords++;
        kept ??= batch.slice(0, i);
        continue;
      }
      kept?.push(rec);
      this.byKind.set(rec.kind, (this.byKind.get(rec.kind) ?? 0) + 1);
      if (rec.ts < this.firstTs) this.firstTs = rec.ts;
      if (rec.ts > this.lastTs) this.lastTs = rec.ts;
      this.profiler.add(rec);
    }
    const out = kept ?? batch;
    if (out.length) for (const s of this.sinks) s.records?.(out);
    this.profiler.advance();
  }

  /** Records the whitelist dropped were counted as parsed by the reader; they move to skipped. */
  private accountWhitelisted(accounting: Accounting): void {
    const n = this.whitelistedRecords - this.whitelistedAccounted;
    if (n <= 0) return;
    accounting.parsed -= n;
    accounting.read -= n;
    accounting.skip('whitelisted', n);
    this.whitelistedAccounted += n;
  }

  /** Whitelist lines that could not be used are shown like other file problems (console, errors.log, summary). */
  private reportWhitelistProblems(accounting: Accounting): void {
    if (this.whitelistProblemsReported) return;
    this.whitelistProblemsReported = true;
    for (const p of this.whitelist.problems) accounting.fileError(p.file, p.line, `whitelist: ${p.reason}`);
    for (const d of this.detectors)
      for (const p of d.problems ?? []) accounting.fileError(p.file, p.line, `${d.name}: ${p.reason}`);
  }

  /** Enrichment data that could not be read: the run goes on without it, and says so once. */
  private reportEnrichmentProblems(accounting: Accounting): void {
    for (const p of this.opts.enrichment?.problems ?? []) accounting.fileError(p.file, 0, p.reason);
    if (this.macVendors.problem) accounting.fileError('oui-data', 0, this.macVendors.problem);
  }

  /** Evidence goes to the accumulator unless the whitelist ignores alerts about one of its sides. */
  private addEvidence(e: Evidence, tw: TimeWindow): void {
    const wl = this.alertWhitelist;
    if (wl && !this.disabledDetections.has(e.evidenceType) && wl.evidenceIsWhitelisted(e, this.knowledge)) {
      this.whitelistedEvidence.add(e.id);
      return;
    }
    identifyParty(e.attacker, this.knowledge, this.opts.enrichment);
    if (e.victim) identifyParty(e.victim, this.knowledge, this.opts.enrichment);
    this.accumulator.add(e, tw);
  }

  async finish(accounting: Accounting, format: string, input: string): Promise<Summary> {
    this.reportWhitelistProblems(accounting);
    const online = this.opts.online;
    if (online) {
      await online.settle();
      for (const p of this.store.profiles()) online.applyTo(p);
    }
    const emit = (e: Evidence) => this.emitFor(e);
    for (const d of this.detectors) d.onEnd?.({ config: this.config, knowledge: this.knowledge, emit });
    this.profiler.finish();
    this.accountWhitelisted(accounting);
    this.reportEnrichmentProblems(accounting);
    const summary: Summary = {
      engine_version: ENGINE_VERSION,
      input,
      input_format: format,
      ...accounting.counts(),
      records_by_kind: Object.fromEntries([...this.byKind.entries()].sort(([a], [b]) => a.localeCompare(b))),
      profiles: this.store.profileCount,
      timewindows: this.store.windowCount,
      evidence: this.accumulator.evidenceCount,
      evidence_by_type: Object.fromEntries(
        [...this.evidenceByType.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      ),
      evidence_whitelisted: this.whitelistedEvidence.size,
      alerts: this.accumulator.alertCount,
      first_ts: Number.isFinite(this.firstTs) ? this.firstTs : null,
      last_ts: Number.isFinite(this.lastTs) ? this.lastTs : null,
      time_window_width: this.config.timeWindowWidth,
      analysis_direction: this.config.analysisDirection,
    };
    for (const s of this.sinks) await s.close(summary);
    await this.store.flush();
    return summary;
  }

  /** The window an evidence names (its profile and number), when that profile has it. */
  private windowFor(e: Evidence): TimeWindow | undefined {
    const profile = this.store.getProfile(e.profile.slice('profile_'.length));
    if (!profile) return undefined;
    const n = e.timewindow.number;
    const tw = profile.windows.get(n);
    if (tw || !profile.evicted) return tw;
    // The store dropped that window long after it closed: evidence about it gets a closed one again.
    const grid = this.profiler.grid;
    const again = this.store.window(profile, n, grid.start(n), grid.end(n));
    this.store.windowClosed(again);
    return again;
  }

  /** Evidence raised outside a record (at the end of input) goes to the window it names. */
  private emitFor(e: Evidence): void {
    const tw = this.windowFor(e);
    if (tw) this.addEvidence(e, tw);
  }

  private detectorListener() {
    return {
      onRecord: (
        rec: FlowRecord,
        profile: DetectorContext['profile'],
        tw: TimeWindow,
        role: DetectorContext['role'],
        state: DetectorContext['state'],
      ) => {
        const ctx: DetectorContext = {
          profile,
          tw,
          role,
          state,
          config: this.config,
          knowledge: this.knowledge,
          emit: (e) => this.addEvidence(e, this.windowFor(e) ?? tw),
        };
        for (const d of this.detectors) d.onRecord(rec, ctx);
      },
      onWindowClosed: (tw: TimeWindow, profile: DetectorContext['profile']) => {
        const ctx = {
          profile,
          tw,
          config: this.config,
          knowledge: this.knowledge,
          emit: (e: Evidence) => this.addEvidence(e, tw),
        };
        for (const d of this.detectors) d.onWindowClosed?.(tw, ctx);
      },
    };
  }
}

/**
 * What the traffic so far says about an IP party (upstream's IP identification: SNI and DNS names here;
 * AS, rDNS and TI come with enrichment), for alerts.log and alerts.json.
 */
function identifyParty(p: Party, knowledge: NetworkKnowledge, geo: IpGeoLookup | undefined): void {
  if (p.iocType !== 'IP') return;
  if (geo && !p.as) {
    const as = geo.asLabel(p.value);
    if (as) p.as = as;
  }
  const sni = p.sni ?? knowledge.sniOf(p.value);
  if (sni) p.sni = sni;
  const names = knowledge.resolution(p.value)?.names;
  if (names && !p.dnsNames) p.dnsNames = names.slice();
}

/** Upstream's IPsInfo `geocountry` and `asn`, kept with the profile's host facts. */
function enrichProfile(profile: Profile, geo: IpGeoLookup): void {
  const g = geo.lookup(profile.ip);
  profile.info.set('geocountry', g.country);
  profile.info.set('asn', g.as ? `AS${g.as.number}` : 'Unknown');
  if (g.as?.org) profile.info.set('asn_org', g.as.org);
}
