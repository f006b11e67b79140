// The probation timer in traffic time: block until the end of the next window, one more window per alert
// in a later window, nothing for more alerts in the same window, never-block addresses skipped, unblocks
// exactly when the flows' time reaches the end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BlockingPolicy } from '../../../engine/prevention/blockingPolicy';

const W = 3600;
const T0 = 1_600_000_000;
const tw = (n: number) => ({ number: n, end: T0 + (n + 1) * W });

function policy(never: Record<string, string> = {}): BlockingPolicy {
  return new BlockingPolicy(W, (ip) => never[ip]);
}

test('an alert in window n blocks until the end of window n+1', () => {
  const p = policy();
  const a = p.alert('10.0.0.9', tw(0), T0 + 100, 'scan');
  assert.deepEqual(a, { kind: 'block', ip: '10.0.0.9', until: T0 + 2 * W, reason: 'scan' });
  assert.deepEqual(
    p.current().map((b) => [b.ip, b.since, b.until, b.extensions]),
    [['10.0.0.9', T0 + 100, T0 + 2 * W, 0]],
  );
});

test('the block ends when traffic time reaches its end, not before', () => {
  const p = policy();
  p.alert('10.0.0.9', tw(0), T0 + 100, 'scan');
  assert.deepEqual(p.advance(T0 + 2 * W - 0.001), []);
  const due = p.advance(T0 + 2 * W);
  assert.equal(due.length, 1);
  assert.equal(due[0]!.kind, 'unblock');
  assert.match(due[0]!.reason, /^probation over \(blocked since .*, 0 extensions\)$/);
  assert.deepEqual(p.current(), []);
  assert.deepEqual(p.advance(T0 + 10 * W), [], 'an address is unblocked once');
});

test('traffic time never goes back: an older timestamp neither unblocks nor moves the clock', () => {
  const p = policy();
  p.alert('10.0.0.9', tw(0), T0 + 100, 'scan');
  p.advance(T0 + 500);
  assert.deepEqual(p.advance(T0 + 200), []);
  assert.equal(p.now, T0 + 500);
});

test('an alert in a later window extends by one window; more alerts in the same window do not', () => {
  const p = policy();
  p.alert('10.0.0.9', tw(0), T0 + 100, 'first');
  assert.equal(p.alert('10.0.0.9', tw(0), T0 + 200, 'again').kind, 'keep');
  const ext = p.alert('10.0.0.9', tw(1), T0 + W + 10, 'later');
  assert.deepEqual(ext, {
    kind: 'extend',
    ip: '10.0.0.9',
    until: T0 + 3 * W,
    reason: 'repeated alert: later',
  });
  assert.equal(p.alert('10.0.0.9', tw(1), T0 + W + 20, 'same window').kind, 'keep');
  const ext2 = p.alert('10.0.0.9', tw(2), T0 + 2 * W + 10, 'third');
  assert.equal(ext2.kind === 'extend' && ext2.until, T0 + 4 * W);
  assert.equal(p.current()[0]!.extensions, 2);
  assert.deepEqual(p.advance(T0 + 4 * W - 1), []);
  assert.equal(p.advance(T0 + 4 * W).length, 1);
});

test('an extension reaches at least the end of the window after the alert', () => {
  // Blocked in window 0 (until end of 1); the next alert comes in window 5: block until end of 6.
  const p = policy();
  p.alert('10.0.0.9', tw(0), T0, 'first');
  const ext = p.alert('10.0.0.9', tw(5), T0 + 5 * W, 'much later');
  assert.equal(ext.kind === 'extend' && ext.until, T0 + 7 * W);
});

test('after the probation a new alert starts a new block', () => {
  const p = policy();
  p.alert('10.0.0.9', tw(0), T0, 'first');
  p.advance(T0 + 2 * W);
  assert.equal(p.alert('10.0.0.9', tw(2), T0 + 2 * W + 5, 'back').kind, 'block');
});

test('never-block addresses are skipped with the reason and never enter the table', () => {
  const p = policy({ '10.0.0.1': 'the default gateway' });
  const a = p.alert('10.0.0.1', tw(0), T0, 'scan');
  assert.deepEqual(a, { kind: 'skip', ip: '10.0.0.1', reason: 'the default gateway; alert: scan' });
  assert.deepEqual(p.current(), []);
});

test('several blocks end in order of their ends; releaseAll lifts the rest', () => {
  const p = policy();
  p.alert('10.0.0.3', tw(1), T0 + W, 'b');
  p.alert('10.0.0.2', tw(0), T0, 'a');
  p.alert('10.0.0.4', tw(3), T0 + 3 * W, 'c');
  assert.deepEqual(
    p.advance(T0 + 3 * W).map((a) => a.ip),
    ['10.0.0.2', '10.0.0.3'],
  );
  assert.deepEqual(
    p.releaseAll().map((a) => [a.kind, a.ip, a.reason]),
    [['unblock', '10.0.0.4', 'end of the analysis']],
  );
  assert.deepEqual(p.current(), []);
});
