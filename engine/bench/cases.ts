// The stages the bench measures, cheapest first, so each stage's cost shows as a ratio to the bare
// "read and split lines" baseline on the same file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Accounting } from '../inputs/accounting';
import { fileLines } from '../inputs/lines';
import { ZeekLogReader } from '../inputs/zeek/zeekLogReader';
import { PcapReader } from '../inputs/pcap/pcapReader';
import { Engine } from '../engine';
import { DEFAULT_CONFIG } from '../config/config';
import { createOutputSinks } from '../output/outputFolder';
import { createDetectors } from '../detectors/registry';
import { openRedisForAnalysis } from '../store/redis/openRedis';
import { RedisStore } from '../store/redis/redisStore';
import { startRedis } from './privateRedis';

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
  'reader+profiler': (file) =>
    measure('reader+profiler', async () => {
      const accounting = new Accounting();
      const engine = new Engine(DEFAULT_CONFIG);
      const s = await engine.run(
        new ZeekLogReader({ kind: 'file', path: file }, { accounting }),
        accounting,
        file,
      );
      return s.records_parsed;
    }),
  'with-detectors': (file) =>
    measure('with-detectors', async () => {
      const accounting = new Accounting();
      const engine = new Engine(DEFAULT_CONFIG, { detectors: createDetectors(DEFAULT_CONFIG) });
      const s = await engine.run(
        new ZeekLogReader({ kind: 'file', path: file }, { accounting }),
        accounting,
        file,
      );
      return s.records_parsed;
    }),
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
};

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
