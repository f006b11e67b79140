// The scaled-out analysis (engine/scaleout) on the bench input: one `slips ingest` and 1, 2 or 3
// `slips worker` processes on a private redis-server, all started together, timed until the last worker
// has stored its partition. Records are the merged summary's records_parsed, so an incomplete run fails
// the case. CPU and peak RSS are the child processes': CPU summed over ingest and workers, peak RSS the
// largest single process (what one machine of a spread-out run needs); both are sampled from /proc while
// the children run, so the last moments of each may be missed. redis-server's own cost is not included.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { readScaleOut } from '../scaleout/readResults';
import type { CaseResult } from './cases';
import { startRedis } from './privateRedis';

const SAMPLE_MS = 50;
const TICKS_PER_S = 100;

interface Sample {
  cpuSeconds: number;
  peakRssBytes: number;
}

/** utime + stime and VmHWM of a live process, or undefined once it is gone. */
function sample(pid: number): Sample | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpu = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S;
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return { cpuSeconds: cpu, peakRssBytes: hwm ? Number(hwm[1]) * 1024 : 0 };
  } catch {
    return undefined;
  }
}

function runCli(args: string[]): { pid: number; done: Promise<void> } {
  // The bench bundle sits beside the CLI bundle in dist/.
  const child = spawn(process.execPath, ['--max-semi-space-size=64', join(__dirname, 'cli.js'), ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const done = new Promise<void>((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`slips ${args[0]} exited with ${code}`)),
    ),
  );
  return { pid: child.pid!, done };
}

async function scaleOut(name: string, file: string, workers: number): Promise<CaseResult> {
  const server = await startRedis();
  try {
    const url = server.url(0);
    const t0 = process.hrtime.bigint();
    const procs = [
      runCli(['ingest', '-q', '-f', file, '--redis', url, '--partitions', String(workers)]),
      ...Array.from({ length: workers }, (_, k) =>
        runCli(['worker', '-q', '--redis', url, '--partition', String(k)]),
      ),
    ];
    const last = new Map<number, Sample>();
    const timer = setInterval(() => {
      for (const p of procs) {
        const s = sample(p.pid);
        if (s) last.set(p.pid, s);
      }
    }, SAMPLE_MS);
    try {
      await Promise.all(procs.map((p) => p.done));
    } finally {
      clearInterval(timer);
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const redis = new Redis(url);
    try {
      const merged = await readScaleOut(redis);
      if (!merged?.summary) throw new Error(`${name}: the scaled-out run is not complete`);
      const samples = [...last.values()];
      return {
        case: name,
        records: merged.summary.records_parsed,
        seconds,
        cpuSeconds: samples.reduce((n, s) => n + s.cpuSeconds, 0),
        peakRssBytes: Math.max(...samples.map((s) => s.peakRssBytes)),
      };
    } finally {
      redis.disconnect();
    }
  } finally {
    await server.stop();
  }
}

export function scaleOutCases(): Record<string, (file: string) => Promise<CaseResult>> {
  return {
    'scaleout-ingest+1-worker': (file) => scaleOut('scaleout-ingest+1-worker', file, 1),
    'scaleout-ingest+2-workers': (file) => scaleOut('scaleout-ingest+2-workers', file, 2),
    'scaleout-ingest+3-workers': (file) => scaleOut('scaleout-ingest+3-workers', file, 3),
  };
}
