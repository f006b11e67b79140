// RDAP registration dates from a local server answering as RDAP services do (RFC 9083 JSON, 404).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fetchRegistration, registrationOf } from '../../../../engine/enrich/rdap/rdapClient';
import { ageInDays } from '../../../../engine/enrich/rdap/domainAge';
import { RdapServer } from './rdapServer';

const signal = new AbortController().signal;

test('the registration event of /domain/{name}; 404 is "no such domain"; other statuses fail', async () => {
  const server = await new RdapServer().start();
  try {
    server.domains.set('volykyc.com', '2014-08-01T10:20:30Z');
    assert.equal(await fetchRegistration(server.url, 'volykyc.com', signal), '2014-08-01T10:20:30.000Z');
    assert.equal(await fetchRegistration(`${server.url}/`, 'never-registered.com', signal), null);
    assert.deepEqual(server.requests, ['/domain/volykyc.com', '/domain/never-registered.com']);
    server.failWith = 429;
    await assert.rejects(fetchRegistration(server.url, 'volykyc.com', signal), /HTTP 429/);
  } finally {
    await server.stop();
  }
});

test('records without a registration event, or with a date that does not parse, have none', () => {
  assert.equal(
    registrationOf({ events: [{ eventAction: 'expiration', eventDate: '2030-01-01T00:00:00Z' }] }),
    null,
  );
  assert.equal(registrationOf({ events: [{ eventAction: 'registration', eventDate: 'yesterday' }] }), null);
  assert.equal(registrationOf({ objectClassName: 'domain' }), null);
  assert.equal(registrationOf(null), null);
});

test('age in whole days up to the traffic time; negative when registered after it', () => {
  const ts = Date.parse('2026-03-01T12:00:00Z') / 1000;
  assert.equal(ageInDays('2026-02-20T12:00:00.000Z', ts), 9);
  assert.equal(ageInDays('2026-02-20T12:00:01.000Z', ts), 8);
  assert.equal(ageInDays('2026-03-02T00:00:00.000Z', ts), -1);
});
