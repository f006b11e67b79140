import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OrgPorts, shippedOrgPorts } from '../../../../../engine/detectors/flowAlerts/conn/orgPorts';

test('the shipped list: ranges expanded per port, addresses and ranges kept per port', () => {
  const orgs = shippedOrgPorts();
  const viber = orgs.rule(5243, 'udp')!;
  assert.deepEqual(viber.orgs, ['viber']);
  assert.equal(OrgPorts.listsAddress(viber, '44.192.201.158'), true);
  assert.equal(OrgPorts.listsAddress(viber, '44.192.201.159'), false);
  const apple = orgs.rule(65432, 'tcp')!;
  assert.deepEqual(apple.orgs, ['apple']);
  assert.equal(apple.ips.size + apple.ranges.length, 0);
  const teams = orgs.rule(3479, 'udp')!;
  assert.deepEqual(teams.orgs, ['microsoftteams', 'zoom']);
  assert.equal(OrgPorts.listsAddress(teams, '13.107.64.9'), true);
  assert.equal(OrgPorts.listsAddress(teams, '149.137.10.1'), true);
  assert.equal(OrgPorts.listsAddress(teams, '8.8.8.8'), false);
  assert.equal(orgs.rule(3482, 'udp'), undefined);
  assert.equal(orgs.rule(5243, 'sctp'), undefined);
  // `478–3497` (en dash) cannot be read, as upstream's loader cannot.
  assert.equal(orgs.rule(3490, 'udp'), undefined);
});

test('comments, the quoted header and malformed lines are skipped', () => {
  const orgs = new OrgPorts(
    [
      '# comment, with, commas',
      '"Organization","IP/IP range","port","protocol"',
      'Acme,10.1.0.0/16,7000-7001,TCP',
      'Acme,"",x,tcp',
      'Short,1.2.3.4',
      '',
    ].join('\n'),
  );
  assert.deepEqual(orgs.rule(7001, 'tcp')?.orgs, ['acme']);
  assert.equal(OrgPorts.listsAddress(orgs.rule(7000, 'tcp')!, '10.1.200.3'), true);
  assert.equal(orgs.rule(7002, 'tcp'), undefined);
});
