// The stages the bench measures, cheapest first, so each stage's cost shows as a ratio to the bare
// "read and split lines" baseline on the same file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Accounting } from '../inputs/accounting';
import { fileLines } from '../inputs/lines';
import { ZeekLogReader } from '../inputs/zeek/zeekLogReader';
import { PcapReader } from '../inputs/pcap/pcapReader';
import { Engine } from '../engine';
import { DEFAULT_CONFIG, type SlipsConfig } from '../config/config';
import type { Detector } from '../detectors/detector';
import { createOutputSinks } from '../output/outputFolder';
import { createDetectors } from '../detectors/registry';
import { openRedisForAnalysis } from '../store/redis/openRedis';
import { RedisStore } from '../store/redis/redisStore';
import { startRedis } from './privateRedis';
import { scaleOutCases } from './scaleOutCases';
import { cloneConfig } from '../config/defaults';
import { loadThreatIntel, type ThreatIntel } from '../enrich/ti/loadThreatIntel';
import { createThreatIntelligence } from '../detectors/threatIntelligence';
import { generateTiFeed } from './generateTiFeed';

export interface CaseResult {
  case: string;
  records: number;
  seconds: number;
  cpuSeconds: number;
  peakRssBytes: number;
}

export async function measure(name: string, body: () => Promise<number>): Promise<CaseResult> {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const records = await body();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  return {
    case: name,
    records,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

/** Reads the conn.log through the engine with these detectors (the cases differ only in what runs). */
async function analyseConnLog(
  file: string,
  config: SlipsConfig,
  detectors: Detector[] = createDetectors(config),
): Promise<number> {
  const accounting = new Accounting();
  const engine = new Engine(config, { detectors });
  const s = await engine.run(
    new ZeekLogReader({ kind: 'file', path: file }, { accounting }),
    accounting,
    file,
  );
  return s.records_parsed;
}

export const CASES: Record<string, (file: string) => Promise<CaseResult>> = {
  'split-lines': (file) =>
    measure('split-lines', async () => {
      let n = 0;
      let cols = 0;
      for await (const b of fileLines(file, { file, accounting: new Accounting() })) {
        for (const l of b.lines) {
          if (l.charCodeAt(0) === 35) continue;
          cols += l.split('\t').length;
          n++;
        }
      }
      return cols > 0 ? n : 0;
    }),
  'zeek-reader': (file) =>
    measure('zeek-reader', async () => {
      const accounting = new Accounting();
      let n = 0;
      for await (const b of new ZeekLogReader({ kind: 'file', path: file }, { accounting }).batches())
        n += b.length;
      return n;
    }),
  'reader+profiler': (file) => measure('reader+profiler', () => analyseConnLog(file, DEFAULT_CONFIG, [])),
  'with-detectors': (file) => measure('with-detectors', () => analyseConnLog(file, DEFAULT_CONFIG)),
  // Without the sequence models (C&C GRU and beacon scoring): what the models cost.
  'with-detectors-no-models': (file) => {
    const config = cloneConfig(DEFAULT_CONFIG);
    config.disabledModules = [...config.disabledModules, 'rnn_cc_detection', 'beacon'];
    return measure('with-detectors-no-models', () => analyseConnLog(file, config));
  },
  // With the flow classifier (flow_ml_detection, off by default) switched on: the cost of scoring every
  // TCP/UDP connection with the 30-tree forest and of its evidence.
  'with-detectors+flow-ml': (file) => {
    const config = cloneConfig(DEFAULT_CONFIG);
    config.disabledModules = config.disabledModules.filter((m) => m !== 'flow_ml_detection');
    return measure('with-detectors+flow-ml', () => analyseConnLog(file, config));
  },
  // With a one-million-indicator feed in the threat-intelligence index: the cost of its lookups
  // (throughput) and of holding it (peak RSS); load time and memory are printed.
  'with-detectors+ti-1m': async (file) => {
    const intel = await loadMillionIocs();
    const detectors = [
      ...createDetectors(DEFAULT_CONFIG).filter((d) => d.name !== 'threat_intelligence'),
      ...createThreatIntelligence(DEFAULT_CONFIG, intel),
    ];
    return measure('with-detectors+ti-1m', () => analyseConnLog(file, DEFAULT_CONFIG, detectors));
  },
  // The with-detectors run keeping its analysis in a private redis-server as well; the time includes
  // waiting until Redis stored everything. Peak RSS is this process only (redis-server is its own).
  'redis-store': (file) =>
    measure('redis-store', async () => {
      const server = await startRedis();
      try {
        const store = new RedisStore(await openRedisForAnalysis(server.url(0), false), {
          width: DEFAULT_CONFIG.timeWindowWidth,
          onProblem: (m) => process.stderr.write(`bench: redis: ${m}\n`),
        });
        const accounting = new Accounting();
        const engine = new Engine(DEFAULT_CONFIG, { store, detectors: createDetectors(DEFAULT_CONFIG) });
        const s = await engine.run(
          new ZeekLogReader({ kind: 'file', path: file }, { accounting }),
          accounting,
          file,
        );
        store.finishAnalysis(s);
        await store.close();
        return s.records_parsed;
      } finally {
        await server.stop();
      }
    }),
  'full-with-outputs': (file) =>
    measure('full-with-outputs', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'slips-bench-'));
      try {
        const accounting = new Accounting();
        const sinks = await createOutputSinks(dir, {
          config: DEFAULT_CONFIG,
          inputPath: file,
          noLogFiles: false,
          clock: () => new Date(0),
        });
        const engine = new Engine(DEFAULT_CONFIG, { sinks, detectors: createDetectors(DEFAULT_CONFIG) });
        const s = await engine.run(
          new ZeekLogReader({ kind: 'file', path: file }, { accounting }),
          accounting,
          file,
        );
        return s.records_parsed;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }),
  // engine/scaleout: ingest + 1, 2, 3 workers through Redis Streams (scaleOutCases.ts).
  ...scaleOutCases(),
};

/**
 * A generated one-million-indicator feed loaded the way an analysis loads downloaded feeds; prints the
 * load time and the memory it takes, which the throughput figures of the case do not show.
 */
async function loadMillionIocs(): Promise<ThreatIntel> {
  const dir = mkdtempSync(join(tmpdir(), 'slips-bench-ti-'));
  try {
    const n = await generateTiFeed(join(dir, 'bench_1m_iocs.csv'));
    writeFileSync(join(dir, 'feeds.csv'), "https://bench.invalid/bench_1m_iocs.csv,medium,['bench']\n");
    const config = cloneConfig(DEFAULT_CONFIG);
    config.threatIntelligence.downloadPathForRemoteThreatIntelligence = dir;
    config.threatIntelligence.tiFiles = join(dir, 'feeds.csv');
    // Heap and off-heap (the typed arrays of the address table) together.
    const used = () => process.memoryUsage().heapUsed + process.memoryUsage().external;
    global.gc?.();
    const mem0 = used();
    const t0 = process.hrtime.bigint();
    const intel = loadThreatIntel(config);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    global.gc?.();
    const memMb = (used() - mem0) / 1048576;
    process.stderr.write(
      `bench: threat intelligence: ${n} generated IoCs (${intel.index.size} indexed) loaded in ` +
        `${seconds.toFixed(2)} s, memory +${memMb.toFixed(0)} MB\n`,
    );
    return intel;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Cases over the replayed pcap; `records` counts packets. `pcap-reader` is the reader alone (framing,
 * decoding, connection tracking, the protocol analyzers); `pcap-with-detectors` is the whole analysis.
 */
export const PCAP_CASES: Record<string, (file: string) => Promise<CaseResult>> = {
  'pcap-reader': (file) =>
    measure('pcap-reader', async () => {
      const reader = new PcapReader(
        { kind: 'file', path: file },
        { accounting: new Accounting(), format: 'pcap' },
      );
      let records = 0;
      for await (const b of reader.batches()) records += b.length;
      return records > 0 ? reader.packets : 0;
    }),
  'pcap-with-detectors': (file) =>
    measure('pcap-with-detectors', async () => {
      const accounting = new Accounting();
      const engine = new Engine(DEFAULT_CONFIG, { detectors: createDetectors(DEFAULT_CONFIG) });
      const reader = new PcapReader({ kind: 'file', path: file }, { accounting, format: 'pcap' });
      await engine.run(reader, accounting, file);
      return reader.packets;
    }),
};
