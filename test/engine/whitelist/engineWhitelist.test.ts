// The whitelist inside a real Engine: records dropped before profiling and counted as skipped
// ("whitelisted") so read = parsed + skipped + rejected still holds; evidence dropped before accumulation
// and counted in evidence_whitelisted; evidence_by_type in the summary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cloneConfig, DEFAULT_CONFIG } from '../../../engine/config/defaults';
import type { SlipsConfig } from '../../../engine/config/types';
import type { Detector, DetectorContext } from '../../../engine/detectors/detector';
import { ipParty, makeEvidence } from '../../../engine/detectors/makeEvidence';
import { Engine } from '../../../engine/engine';
import type { FlowRecord } from '../../../engine/flow';
import { Accounting } from '../../../engine/inputs/accounting';
import { openReader } from '../../../engine/inputs/openReader';
import type { OutputSink } from '../../../engine/output/sink';
import { SummaryJsonSink } from '../../../engine/output/summaryJson';
import type { Summary } from '../../../engine/summary';
import type { Whitelist } from '../../../engine/whitelist/whitelist';
import { conn, dns, T0, whitelist } from './builders';

const DATA = `${__dirname}/../../../../shared/data`;

/** One info-level evidence per outgoing connection: attacker the profile, victim the destination. */
class EveryConnection implements Detector {
  readonly name = 'test_every_connection';
  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'conn' || ctx.role !== 'Client') return;
    ctx.emit(
      makeEvidence({
        type: rec.dport === 53 ? 'CONNECTION_TO_PRIVATE_IP' : 'UNKNOWN_PORT',
        description: `connection to ${rec.daddr}:${rec.dport}.`,
        attacker: ipParty(ctx.profile.ip, 'SRC'),
        victim: ipParty(rec.daddr, 'DST'),
        threatLevel: 'info',
        confidence: 1,
        tw: ctx.tw,
        uids: [rec.uid],
        timestamp: rec.ts,
        module: this.name,
      }),
    );
  }
}

class RecordsSink implements OutputSink {
  readonly seen: FlowRecord[] = [];
  records(batch: readonly FlowRecord[]): void {
    this.seen.push(...batch);
  }
  async close(): Promise<void> {}
}

async function runFile(path: string, wl: Whitelist | undefined, config: SlipsConfig = DEFAULT_CONFIG) {
  const accounting = new Accounting();
  const reader = await openReader(`${DATA}/${path}`, { accounting });
  const sink = new RecordsSink();
  const engine = new Engine(config, { whitelist: wl, detectors: [new EveryConnection()], sinks: [sink] });
  const summary = await engine.run(reader, accounting, path);
  return { summary, accounting, engine, records: sink.seen };
}

function assertBalanced(s: Summary, a: Accounting): void {
  assert.ok(a.balanced());
  assert.equal(s.records_read, s.records_parsed + s.records_skipped_total + s.records_rejected);
}

test('real conn.log (port-scans/horizontal): the scanner whitelisted for flows leaves nothing to profile', async () => {
  const path = 'zeek/slips/port-scans/horizontal/conn.log';
  const before = await runFile(path, undefined);
  assert.equal(before.summary.records_parsed, 41);
  assert.equal(before.summary.profiles, 1);
  assert.deepEqual(before.summary.evidence_by_type, { CONNECTION_TO_PRIVATE_IP: 3, UNKNOWN_PORT: 38 });

  const { summary, accounting, records } = await runFile(path, whitelist('ip,10.0.2.112,src,flows'));
  assertBalanced(summary, accounting);
  assert.equal(summary.records_read, 41);
  assert.equal(summary.records_parsed, 0);
  assert.deepEqual(summary.records_skipped, { whitelisted: 41 });
  assert.deepEqual(summary.records_by_kind, {});
  assert.equal(summary.profiles, 0);
  assert.equal(summary.evidence, 0);
  assert.deepEqual(summary.evidence_by_type, {});
  assert.equal(records.length, 0, 'sinks never see whitelisted records');
});

test('real conn.log: a destination whitelisted for flows, and for alerts only', async () => {
  const path = 'zeek/slips/port-scans/horizontal/conn.log';
  // 10.0.2.112 queried 8.8.8.8 three times.
  const flows = await runFile(path, whitelist('ip,8.8.8.8,dst,flows'));
  assertBalanced(flows.summary, flows.accounting);
  assert.deepEqual(flows.summary.records_skipped, { whitelisted: 3 });
  assert.equal(flows.summary.records_parsed, 38);
  assert.equal(flows.records.length, 38);
  assert.ok(flows.records.every((r) => r.daddr !== '8.8.8.8'));
  assert.deepEqual(flows.summary.evidence_by_type, { UNKNOWN_PORT: 38 });
  assert.equal(flows.summary.evidence_whitelisted, 0);

  const alerts = await runFile(path, whitelist('ip,8.8.8.8,dst,alerts'));
  assert.deepEqual(alerts.summary.records_skipped, {});
  assert.equal(alerts.summary.records_parsed, 41);
  assert.equal(alerts.summary.evidence, 38);
  assert.equal(alerts.summary.evidence_whitelisted, 3);
  assert.deepEqual(alerts.summary.evidence_by_type, { UNKNOWN_PORT: 38 });

  // The profile is the attacker (SRC): a src entry for it drops every evidence, a dst entry none.
  const src = await runFile(path, whitelist('ip,10.0.2.112,src,alerts'));
  assert.equal(src.summary.evidence, 0);
  assert.equal(src.summary.evidence_whitelisted, 41);
  const dst = await runFile(path, whitelist('ip,10.0.2.112,dst,alerts'));
  assert.equal(dst.summary.evidence_whitelisted, 0);
});

test('real Zeek folder (test10): a domain whitelisted for flows, matched by DNS names, CNAMEs and SNI in traffic order', async () => {
  const path = 'zeek/slips/test10-mixed-zeek-dir';
  const before = await runFile(path, undefined);
  const { summary, accounting, engine, records } = await runFile(
    path,
    whitelist('domain,wikimedia.org,dst,flows'),
  );
  assertBalanced(summary, accounting);
  assert.equal(summary.records_read, before.summary.records_read);
  assert.deepEqual(summary.records_skipped, { ...before.summary.records_skipped, whitelisted: 16 });
  const dropped = (kind: string) =>
    before.summary.records_by_kind[kind]! - (summary.records_by_kind[kind] ?? 0);
  // DNS: 6 queries for *.wikimedia.org and 2 for en.wikipedia.org answered with the CNAME dyna.wikimedia.org;
  // TLS: 6 with SNI upload.wikimedia.org and 1 to the address dyna.wikimedia.org resolved to.
  assert.deepEqual(
    ['dns', 'ssl', 'conn'].map((k) => dropped(k)),
    [8, 7, 1],
  );
  assert.ok(!records.some((r) => r.kind === 'dns' && r.query.endsWith('wikimedia.org')));
  // The six connections to upload.wikimedia.org's address start before its DNS answer in this capture,
  // so when they are read the address is not yet known by that name: they are kept.
  assert.equal(records.filter((r) => r.kind === 'conn' && r.daddr === '2620:0:862:ed1a::2:b').length, 6);
  assert.equal(records.filter((r) => r.kind === 'conn' && r.daddr === '2620:0:862:ed1a::1').length, 0);
  assert.equal(engine.whitelist.size, 1);
});

test('decisions depend on traffic order only, not on how records are batched', async () => {
  const recs: FlowRecord[] = [
    conn({ ts: T0, saddr: '10.0.0.1', daddr: '93.184.216.34' }),
    dns({ ts: T0 + 1, saddr: '10.0.0.1', query: 'www.example.com', answers: ['93.184.216.34'] }),
    conn({ ts: T0 + 2, saddr: '10.0.0.1', daddr: '93.184.216.34' }),
    conn({ ts: T0 + 3, saddr: '10.0.0.2', daddr: '1.1.1.1' }),
    conn({ ts: T0 + 4, saddr: '10.0.0.1', daddr: '93.184.216.34' }),
  ];
  const summaries: Summary[] = [];
  for (const size of [1, 2, recs.length]) {
    const sink = new RecordsSink();
    const engine = new Engine(DEFAULT_CONFIG, {
      whitelist: whitelist('domain,example.com,both,both'),
      detectors: [new EveryConnection()],
      sinks: [sink],
    });
    for (let i = 0; i < recs.length; i += size) engine.ingest(recs.slice(i, i + size));
    const acc = new Accounting();
    acc.accept(recs.length);
    const s = await engine.finish(acc, 'test', 'test');
    assert.ok(acc.balanced());
    assert.deepEqual(
      sink.seen.map((r) => r.uid),
      [recs[0]!.uid, recs[3]!.uid],
      `batch size ${size}`,
    );
    summaries.push(s);
  }
  for (const s of summaries.slice(1)) assert.deepEqual(s, summaries[0]);
  assert.deepEqual(summaries[0]!.records_skipped, { whitelisted: 3 });
  assert.equal(summaries[0]!.records_parsed, 2);
  // The first connection's evidence was raised before the address was known as www.example.com: kept.
  assert.equal(summaries[0]!.evidence_whitelisted, 0);
  assert.deepEqual(summaries[0]!.evidence_by_type, { UNKNOWN_PORT: 2 });
});

test('the engine reads the configured whitelist and reports its bad lines as file problems', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'engine-whitelist-'));
  const file = join(dir, 'whitelist.conf');
  writeFileSync(file, 'ip,10.0.2.112,src,flows\nip,8.8.8.8\n');
  const c = cloneConfig(DEFAULT_CONFIG);
  c.whitelists.localWhitelistPath = file;
  const { summary, accounting } = await runFile('zeek/slips/port-scans/horizontal/conn.log', undefined, c);
  assert.deepEqual(summary.records_skipped, { whitelisted: 41 });
  assert.equal(summary.file_errors, 1);
  assert.equal(accounting.fileErrors[0]!.file, file);
  assert.equal(accounting.fileErrors[0]!.line, 2);
  assert.match(accounting.fileErrors[0]!.reason, /^whitelist: expected 4 columns/);

  c.whitelists.enableLocalWhitelist = false;
  const off = await runFile('zeek/slips/port-scans/horizontal/conn.log', undefined, c);
  assert.deepEqual(off.summary.records_skipped, {});
  assert.equal(off.summary.file_errors, 0);
});

test('summary.json shows whitelisted records and evidence, with evidence_by_type sorted', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'engine-whitelist-'));
  const path = 'zeek/slips/port-scans/horizontal/conn.log';
  const accounting = new Accounting();
  const reader = await openReader(`${DATA}/${path}`, { accounting });
  const engine = new Engine(DEFAULT_CONFIG, {
    whitelist: whitelist('ip,195.113.214.219,dst,flows', 'ip,195.113.214.221,dst,alerts'),
    detectors: [new EveryConnection()],
    sinks: [new SummaryJsonSink(join(dir, 'summary.json'))],
  });
  await engine.run(reader, accounting, path);
  const s = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
  assert.deepEqual(s.records_skipped, { whitelisted: 2 });
  assert.equal(s.records_read, s.records_parsed + s.records_skipped_total + s.records_rejected);
  assert.equal(s.evidence_whitelisted, 4);
  assert.deepEqual(Object.keys(s.evidence_by_type), ['CONNECTION_TO_PRIVATE_IP', 'UNKNOWN_PORT']);
  assert.equal(s.evidence, 35);
});
