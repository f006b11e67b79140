import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FlowRecord } from '../../../engine/flow';
import { BlockedTxtSink } from '../../../engine/output/profileLogs/blockedTxt';
import { CompleteTimelineText } from '../../../engine/output/profileLogs/completeTimeline';
import { ProfileDataSink } from '../../../engine/output/profileLogs/profileData';
import { ProfileDirs } from '../../../engine/output/profileLogs/profileDirs';
import { WindowFilesSink } from '../../../engine/output/profileLogs/windowFiles';
import { shippedServiceNames } from '../../../engine/data/services';
import { TimelineSink } from '../../../engine/output/timeline/timelineSink';
import { Profiler } from '../../../engine/profiler/profiler';
import { TimeWindowGrid } from '../../../engine/profiler/timeWindows';
import { MemoryStore } from '../../../engine/store/memoryStore';
import { alert, conn, dns, evidence, T0 } from './fixtures';

const RECORDS: FlowRecord[] = [
  dns({ ts: T0 + 1 }),
  conn({ ts: T0 + 5, uid: 'c1', smac: 'aa:bb:cc:dd:ee:ff' }),
  conn({ ts: T0 + 65, uid: 'c2' }),
  conn({
    ts: T0 + 70,
    uid: 'c3',
    daddr: '1.2.3.4',
    dport: 23,
    state: 'S0',
    spkts: 1,
    dpkts: 0,
    sbytes: 0,
    dbytes: 0,
    dur: 0,
  }),
  conn({
    ts: T0 + 80,
    uid: 'c4',
    proto: 'udp',
    daddr: '1.2.3.4',
    dport: 53,
    sport: 5353,
    sbytes: 40,
    dbytes: 80,
    spkts: 1,
    dpkts: 1,
    dur: 0.01,
  }),
];

async function runLogs(root: string): Promise<void> {
  const store = new MemoryStore();
  const profiler = new Profiler(store, new TimeWindowGrid(3600), 'out');
  const dirs = new ProfileDirs(root);
  const windows = new WindowFilesSink(dirs);
  const data = new ProfileDataSink(dirs);
  const timeline = new TimelineSink([new CompleteTimelineText(dirs)], {
    humanTimestamp: true,
    ports: shippedServiceNames(),
  });
  const blocked = new BlockedTxtSink(join(root, 'Blocked.txt'));
  for (const s of [windows, data, timeline]) profiler.listen(s);
  for (const r of RECORDS) profiler.add(r);
  const tw = store.getProfile('10.0.0.5')!.windows.get(1)!;
  const e = evidence({ timewindow: { number: 1, start: tw.start, end: tw.end } });
  store.addEvidence(tw, e);
  windows.evidence(e);
  const a = alert({ timewindow: { number: 1, start: tw.start, end: tw.end } });
  store.addAlert(tw, a);
  blocked.alert(a);
  blocked.alert(a);
  profiler.finish();
  // Evidence raised after the window closed is added to its file.
  windows.evidence(evidence({ id: 'late', description: 'late one', threatLevel: 'low', confidence: 0.5 }));
  for (const s of [windows, data, timeline, blocked]) await s.close();
}

test('per-profile files of the 0.7.1 layout', async () => {
  const root = mkdtempSync(join(tmpdir(), 'profilelogs-'));
  await runLogs(root);
  assert.deepEqual(readdirSync(root).sort(), ['10.0.0.5', 'Blocked.txt']);
  assert.deepEqual(readdirSync(join(root, '10.0.0.5')).sort(), [
    '2020-12-18T14:00:01.timewindow1',
    'Complete-timeline-outgoing-actions.txt',
    'ProfileData.txt',
  ]);
  assert.equal(readFileSync(join(root, 'Blocked.txt'), 'utf8'), 'Detections:\n\t10.0.0.5: timewindow1\n');
  assert.equal(
    readFileSync(join(root, '10.0.0.5', 'ProfileData.txt'), 'utf8'),
    'Profiled IP: 10.0.0.5\nInfo: \n\tMAC aa:bb:cc:dd:ee:ff\n',
  );
  assert.equal(
    readFileSync(join(root, '10.0.0.5', 'Complete-timeline-outgoing-actions.txt'), 'utf8'),
    [
      'Complete TimeLine of IP 10.0.0.5',
      '2020/12/18 14:00:05 HTTPS to www.example.com [93.184.216.34] 443/TCP established Sent:517 Recv:4210 Tot:4.62Kb Dur:1.5',
      '2020/12/18 14:01:05 HTTPS to www.example.com [93.184.216.34] 443/TCP established Sent:517 Recv:4210 Tot:4.62Kb Dur:1.5',
      '2020/12/18 14:01:10 TELNET to 1.2.3.4 23/TCP not established Sent:0 Recv:0 Tot:0.00b Dur:0 Warning:No data exchange!',
      '2020/12/18 14:01:20 DNS to 1.2.3.4 53/UDP established Sent:40 Recv:80 Tot:120.00b Dur:0.01',
      '',
    ].join('\n'),
  );
  const report = readFileSync(join(root, '10.0.0.5', '2020-12-18T14:00:01.timewindow1'), 'utf8');
  assert.equal(
    report,
    [
      'ProfileID: profile_10.0.0.5',
      'Was requested to block in this time window: True',
      'Evidence of detections in this TW:',
      '\tEvidence: ip:93.184.216.34:HorizontalPortscan',
      'DstIP:',
      '\t93.184.216.34 (2 times). Info: -',
      '\t1.2.3.4 (2 times). Info: -',
      'OutTuples:',
      `\t93.184.216.34-443-tcp (["88,",[${T0 + 5},${T0 + 65}]])`,
      `\t1.2.3.4-23-tcp (["1",[null,${T0 + 70}]])`,
      `\t1.2.3.4-53-udp (["1",[null,${T0 + 80}]])`,
      'As Client, TCP Established Dst ports:',
      '\tPort 443. Total Flows: 2. Total Pkts: 44. TotalBytes: 9454.',
      'As Client, TCP Established Src ports:',
      '\tPort 50000. Total Flows: 2. Total Pkts: 44. TotalBytes: 9454.',
      'As Client, TCP Established Dst IPs:',
      '\tIP 93.184.216.34. Total Flows: 2. Total Pkts: 44. TotalBytes: 9454. Dst ports: 443 (44 pkts).',
      'As Client, TCP NotEstablished Dst ports:',
      '\tPort 23. Total Flows: 1. Total Pkts: 1. TotalBytes: 0.',
      'As Client, TCP NotEstablished Src ports:',
      '\tPort 50000. Total Flows: 1. Total Pkts: 1. TotalBytes: 0.',
      'As Client, TCP NotEstablished Dst IPs:',
      '\tIP 1.2.3.4. Total Flows: 1. Total Pkts: 1. TotalBytes: 0. Dst ports: 23 (1 pkts).',
      'As Client, UDP Established Dst ports:',
      '\tPort 53. Total Flows: 1. Total Pkts: 2. TotalBytes: 120.',
      'As Client, UDP Established Src ports:',
      '\tPort 5353. Total Flows: 1. Total Pkts: 2. TotalBytes: 120.',
      'As Client, UDP Established Dst IPs:',
      '\tIP 1.2.3.4. Total Flows: 1. Total Pkts: 2. TotalBytes: 120. Dst ports: 53 (2 pkts).',
      'Evidence of detections in this TW:',
      '\tEvidence Description: Horizontal port scan to port 443/TCP. From 10.0.0.5 to 30 unique destination IPs.. ' +
        'Confidence: 0.8. Threat Level: high (key:ip:93.184.216.34:HorizontalPortscan)',
      '',
      'Evidence of detections in this TW:',
      '\tEvidence Description: late one. Confidence: 0.5. Threat Level: low (key:ip:93.184.216.34:HorizontalPortscan)',
      '',
      '',
    ].join('\n'),
  );
});

test('the per-profile files are byte-identical across runs', async () => {
  const a = mkdtempSync(join(tmpdir(), 'profilelogs-'));
  const b = mkdtempSync(join(tmpdir(), 'profilelogs-'));
  await runLogs(a);
  await runLogs(b);
  for (const f of readdirSync(join(a, '10.0.0.5')))
    assert.equal(
      readFileSync(join(a, '10.0.0.5', f), 'utf8'),
      readFileSync(join(b, '10.0.0.5', f), 'utf8'),
      f,
    );
});
