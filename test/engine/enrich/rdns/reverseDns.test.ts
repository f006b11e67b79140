// Reverse DNS against a local DNS server (dns-packet over UDP on a random port) that answers PTR
// queries as a real server does: a PTR record, NXDOMAIN for unknown addresses, and silence for one
// address to check the timeout turns into a failed lookup rather than a hung run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import * as dnsPacket from 'dns-packet';
import { arpaName, reverseDnsSource, systemReverseResolver } from '../../../../engine/enrich/rdns/reverseDns';
import { BackgroundLookups } from '../../../../engine/enrich/cache/backgroundLookups';

const PTR: Record<string, string> = {
  '116.1.168.192.in-addr.arpa': 'desktop-116.lan',
  '8.8.8.8.in-addr.arpa': 'dns.google',
};
const SILENT = '99.0.0.10.in-addr.arpa';

async function startDns(): Promise<{ socket: Socket; server: string; queries: string[] }> {
  const socket = createSocket('udp4');
  const queries: string[] = [];
  socket.on('message', (msg, rinfo) => {
    const q = dnsPacket.decode(msg);
    const question = q.questions?.[0];
    if (!question) return;
    queries.push(`${question.type} ${question.name}`);
    if (question.name === SILENT) return;
    const name = question.type === 'PTR' ? PTR[question.name] : undefined;
    const reply = dnsPacket.encode({
      type: 'response',
      id: q.id,
      flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | (name ? 0 : 3),
      questions: q.questions,
      answers: name ? [{ type: 'PTR', name: question.name, ttl: 300, class: 'IN', data: name }] : [],
    });
    socket.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { socket, server: `127.0.0.1:${(socket.address() as AddressInfo).port}`, queries };
}

test('PTR names from the DNS server; NXDOMAIN is "no name"; silence is a failed lookup', async () => {
  const dns = await startDns();
  try {
    const resolve = systemReverseResolver([dns.server], 300);
    assert.deepEqual(await resolve('192.168.1.116'), ['desktop-116.lan']);
    assert.deepEqual(await resolve('192.168.1.131'), []);
    await assert.rejects(resolve('10.0.0.99'), /ETIMEOUT|timeout/i);
    assert.deepEqual(dns.queries.slice(0, 2), [
      'PTR 116.1.168.192.in-addr.arpa',
      'PTR 131.1.168.192.in-addr.arpa',
    ]);
  } finally {
    dns.socket.close();
  }
});

test('as background lookups: the first name, null when there is none, asked once per IP', async () => {
  const dns = await startDns();
  try {
    const lookups = new BackgroundLookups({
      source: reverseDnsSource(systemReverseResolver([dns.server], 300)),
      refreshSeconds: 86_400,
      onProblem: (l) => assert.fail(l),
    });
    for (const ip of ['192.168.1.116', '8.8.8.8', '192.168.1.131', '8.8.8.8']) lookups.request(ip);
    assert.equal(await lookups.settle(10_000), 0);
    assert.equal(lookups.answer('192.168.1.116'), 'desktop-116.lan');
    assert.equal(lookups.answer('8.8.8.8'), 'dns.google');
    assert.equal(lookups.answer('192.168.1.131'), null);
    assert.equal(dns.queries.length, 3);
  } finally {
    dns.socket.close();
  }
});

test('arpa names of IPv4 and IPv6 addresses', () => {
  assert.equal(arpaName('192.168.1.116'), '116.1.168.192.in-addr.arpa');
  assert.equal(
    arpaName('2001:db8::1'),
    '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa',
  );
  assert.equal(arpaName('not-an-ip'), undefined);
});

test('an injected resolver replaces the system one (the kernel and tests can run without DNS)', async () => {
  const asked: string[] = [];
  const source = reverseDnsSource(async (ip) => {
    asked.push(ip);
    return ip === '10.0.0.1' ? ['gw.lan.'] : [];
  });
  const signal = new AbortController().signal;
  assert.equal(await source.fetch('10.0.0.1', signal), 'gw.lan');
  assert.equal(await source.fetch('10.0.0.2', signal), null);
  assert.deepEqual(asked, ['10.0.0.1', '10.0.0.2']);
});
