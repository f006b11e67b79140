import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SmtpLogin } from '../../../../../engine/detectors/flowAlerts/app';
import type { FlowRecord } from '../../../../../engine/flow';
import { runRecords } from './harness';
import { smtp } from './records';

const T0 = 1_641_918_754;
const bad = (dt: number, p = {}) => smtp({ ts: T0 + dt, uid: `Csmtp${dt}`, ...p });

test('SMTP: every bad login is evidence; three within 10 s are a brute force, then the count restarts', async () => {
  const cases: [string, FlowRecord[], { bad: number; brute: number }][] = [
    ['one', [bad(0)], { bad: 1, brute: 0 }],
    ['three in 7 s (test14)', [bad(0), bad(4.4), bad(7.2)], { bad: 3, brute: 1 }],
    [
      'four in 9 s: the fourth starts a new count',
      [bad(0), bad(4.4), bad(7.2), bad(8.6)],
      { bad: 4, brute: 1 },
    ],
    ['three in exactly 10 s', [bad(0), bad(5), bad(10)], { bad: 3, brute: 1 }],
    ['three in 11 s', [bad(0), bad(5), bad(11)], { bad: 3, brute: 0 }],
    ['sliding: the oldest drops', [bad(0), bad(8), bad(12), bad(15)], { bad: 4, brute: 1 }],
    ['other hosts count apart', [bad(0), bad(1, { saddr: '10.1.11.102' }), bad(2)], { bad: 3, brute: 0 }],
    ['accepted login', [bad(0, { lastReply: '235 2.7.0 Authentication successful' })], { bad: 0, brute: 0 }],
    ['no reply', [bad(0, { lastReply: '' })], { bad: 0, brute: 0 }],
  ];
  for (const [name, recs, expected] of cases) {
    const { evidence } = await runRecords([new SmtpLogin()], recs);
    const got = {
      bad: evidence.filter((e) => e.evidenceType === 'BAD_SMTP_LOGIN').length,
      brute: evidence.filter((e) => e.evidenceType === 'SMTP_LOGIN_BRUTEFORCE').length,
    };
    assert.deepEqual(got, expected, name);
  }
  const { evidence } = await runRecords([new SmtpLogin()], [bad(0), bad(4.4), bad(7.2)]);
  assert.deepEqual(
    evidence.map((e) => e.description),
    [
      'doing bad SMTP login to 80.75.42.226 ',
      'doing bad SMTP login to 80.75.42.226 ',
      'doing bad SMTP login to 80.75.42.226 ',
      'doing SMTP login bruteforce to 80.75.42.226. 3 logins in 10 seconds. ',
    ],
  );
  for (const e of evidence) {
    assert.deepEqual([e.threatLevel, e.confidence], ['high', 1]);
    assert.deepEqual([e.attacker.value, e.victim?.value], ['10.1.11.101', '80.75.42.226']);
  }
  assert.deepEqual(evidence[3]!.uids, ['Csmtp0', 'Csmtp4.4', 'Csmtp7.2']);
  assert.equal(evidence[3]!.timestamp, T0 + 7.2);
});
