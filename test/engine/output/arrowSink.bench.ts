// Speed of the Arrow sink alone: 1M synthetic conn records (made before timing), written in engine-sized
// batches, yielding between them as the engine does. Run: npx tsx test/engine/output/arrowSink.bench.ts [records]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnRecord } from '../../../engine/flow';
import { ArrowSink } from '../../../engine/output/arrow/arrowSink';

function makeRecords(n: number): ConnRecord[] {
  const out: ConnRecord[] = new Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = {
      kind: 'conn',
      source: 'zeek',
      ts: 1_600_000_000 + i * 0.01,
      uid: `C${(i * 2654435761).toString(36).padStart(17, 'x')}`,
      saddr: `10.0.${(i >> 8) & 255}.${i & 255}`,
      sport: 1024 + (i % 60000),
      daddr: `93.184.${(i >> 4) & 255}.${(i * 7) & 255}`,
      dport: i % 3 ? 443 : 80,
      proto: i % 10 ? 'tcp' : 'udp',
      dur: (i % 1000) / 10,
      appproto: i % 3 ? 'ssl' : 'http',
      sbytes: i % 5000,
      dbytes: (i * 3) % 90000,
      spkts: i % 50,
      dpkts: i % 70,
      state: 'SF',
      history: 'ShADadfF',
      smac: '',
      dmac: '',
      dir: '->',
      origin: { file: '/data/zeek/conn.log', line: i + 9 },
    };
  }
  return out;
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 1_000_000);
  const recs = makeRecords(n);
  const dir = mkdtempSync(join(tmpdir(), 'arrow-bench-'));
  const path = join(dir, 'flows.arrow');
  try {
    const rss0 = process.memoryUsage().rss;
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const sink = new ArrowSink(path);
    const batch = 10_000;
    for (let i = 0; i < n; i += batch) {
      sink.records(recs.slice(i, i + batch));
      // The engine awaits its reader between batches, which lets the file stream drain.
      await new Promise((r) => setImmediate(r));
    }
    await sink.close();
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    const cpuS = (cpu.user + cpu.system) / 1e6;
    const mb = statSync(path).size / 1e6;
    console.log(
      `${n} records in ${s.toFixed(2)} s = ${Math.round(n / s)} records/s ` +
        `(${cpuS.toFixed(2)} CPU s, GC threads included); file ${mb.toFixed(1)} MB; ` +
        `rss growth ${((process.memoryUsage().rss - rss0) / 1e6).toFixed(0)} MB`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
