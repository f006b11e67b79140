// The capture and blocking results without a network: their markdown keeps traffic strings inert and
// measures time left in traffic time, and the evaluator's gates (trust, consent, a loaded session that
// was not captured) answer with one sentence at the right place. The live capture itself is tested in
// test/kernel/session/capture.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { markdown } from '../../../kernel/output/markdown';
import { bundle } from '../../../kernel/output/bundle';
import { runCell } from '../../../kernel/evaluator';
import { Session } from '../../../kernel/session/session';
import { MIME, type BlockingPayload, type CapturePayload, type ErrorPayload } from '../../../kernel/protocol';

const SAMPLES = resolve(__dirname, '../../../samples');

const blocking: BlockingPayload = {
  kind: 'blocking',
  iface: 'veth0',
  mode: 'firewall',
  backend: 'nftables',
  applied: true,
  trafficTime: 1700000005,
  blocks: [{ ip: '10.0.0.2', since: 1700000001, until: 1700000020, remaining: 15, extensions: 0, tw: 0 }],
  log: [
    '2023-11-14T22:13:21.000Z block 10.0.0.2 until 2023-11-14T22:13:40.000Z (alert in timewindow 0; last evidence: host <script>x</script>|a)',
  ],
  logTotal: 1,
  logFile: '/tmp/x/blocking.log',
};

test('blocking markdown: blocks with traffic-time remaining, log lines inert', () => {
  const md = markdown(blocking);
  assert.match(md, /^\*\*Blocking\*\* on veth0 \(blocked with nftables; traffic time 2023-11-14T22:13:25/);
  assert.match(md, /\| ip \| since \| until \| remaining \\\(s\\\) \| extensions \| tw \|/);
  assert.match(
    md,
    /\| 10\.0\.0\.2 \| 2023-11-14T22:13:21[^|]* \| 2023-11-14T22:13:40[^|]* \| 15 \| 0 \| 0 \|/,
  );
  assert.match(md, /&lt;script&gt;x&lt;\/script&gt;\\\|a/);
  assert.doesNotMatch(md, /<script>/);
  const none = markdown({ ...blocking, mode: 'dry-run', applied: false, blocks: [], trafficTime: null });
  assert.match(none, /dry run: nftables commands logged, firewall unchanged; no traffic yet/);
  assert.match(none, /No address was blocked when the capture stopped\./);
});

test('capture markdown and bundle: own mime type, load table, tcpdump counts', () => {
  const session = new Session(SAMPLES);
  return runCell(session, 'load test4-malicious.binetflow').then(([load]) => {
    assert.equal(load!.kind, 'load');
    const c: CapturePayload = {
      kind: 'capture',
      iface: 'eth|0',
      filter: 'tcp and not port 22',
      duration: 30,
      stoppedBy: 'interrupt',
      packetsCaptured: 10,
      packetsReceivedByFilter: 12,
      packetsDroppedByKernel: 0,
      load: load as CapturePayload['load'],
      blocking,
    };
    const b = bundle(c);
    assert.equal(b[MIME.capture], c);
    const md = b[MIME.markdown];
    assert.match(
      md,
      /^\*\*Captured\*\* on eth\\\|0 \(filter tcp and not port 22\), stopped by an interrupt; tcpdump: 10 packets captured, 12 received by filter, 0 dropped by kernel\n\n\*\*Loaded\*\*/,
    );
    assert.match(md, /\*\*Blocking\*\* on veth0/);
  });
});

test('evaluator: capture needs trust, block needs consent, blocking needs a capture', async () => {
  const session = new Session(SAMPLES);
  const err = async (text: string, control = {}) => {
    const out = await runCell(session, text, control);
    const e = out.at(-1) as ErrorPayload;
    assert.equal(e.kind, 'error', JSON.stringify(out));
    return e;
  };
  const untrusted = await err('# live traffic\ncapture lo for 1s');
  assert.match(untrusted.message, /only runs in a trusted workspace/);
  assert.deepEqual([untrusted.line, untrusted.col], [2, 1]);
  // Consent is checked before anything starts, trusted or not.
  const consent = await err('capture lo for 1s block', { trusted: true });
  assert.match(
    consent.message,
    /^block changes this machine's firewall and was not confirmed: accept the editor's dialog, write `block confirm`/,
  );
  assert.deepEqual([consent.line, consent.col], [1, 19]);
  const option = await err('capture lo width=0', { trusted: true });
  assert.deepEqual([option.line, option.col], [1, 18]);
  assert.match((await err('blocking')).message, /nothing is loaded yet/);
  await runCell(session, `load ${join(SAMPLES, 'test4-malicious.binetflow')}`);
  assert.match(
    (await err('blocking')).message,
    /test4-malicious\.binetflow was loaded, not captured: blocking shows the blocks of `capture IFACE … block`/,
  );
});
