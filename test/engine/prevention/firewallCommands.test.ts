// The commands the backends generate (checked against what nft and iptables accept in the netns
// acceptance test), their one-line form for blocking.log, nft's JSON read back, and the backend choice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nftablesBackend, blockedInTable, ourTableListed } from '../../../engine/prevention/nftablesBackend';
import { iptablesBackend } from '../../../engine/prevention/iptablesBackend';
import { chooseBackend } from '../../../engine/prevention/firewallBackend';
import { commandText } from '../../../engine/prevention/firewallCommand';

test('nftables setup: one atomic script replacing our table, sets and three hooked chains', () => {
  const [setup, ...rest] = nftablesBackend.setup();
  assert.equal(rest.length, 0);
  assert.equal(setup!.program, 'nft');
  assert.deepEqual(setup!.args, ['-f', '-']);
  const script = setup!.stdin!;
  assert.match(
    script,
    /^add table inet slips_notebooks\ndelete table inet slips_notebooks\ntable inet slips_notebooks \{/,
  );
  assert.match(script, /set blocked4 \{ type ipv4_addr; \}/);
  assert.match(script, /set blocked6 \{ type ipv6_addr; \}/);
  for (const hook of ['input', 'forward', 'output']) {
    const chain = new RegExp(
      `chain ${hook} \\{\\n\\s+type filter hook ${hook} priority filter - 10; policy accept;\\n` +
        '\\s+ip saddr @blocked4 counter drop\\n\\s+ip daddr @blocked4 counter drop\\n' +
        '\\s+ip6 saddr @blocked6 counter drop\\n\\s+ip6 daddr @blocked6 counter drop\\n\\s+\\}',
    );
    assert.match(script, chain);
  }
  // Nothing outside our own table is named.
  assert.deepEqual(
    [...new Set([...script.matchAll(/table (\w+) (\w+)/g)].map((m) => `${m[1]} ${m[2]}`))],
    ['inet slips_notebooks'],
  );
});

test('nftables block/unblock: one set element, IPv4 and IPv6 in their own sets', () => {
  assert.deepEqual(nftablesBackend.block('10.0.0.9'), [
    { program: 'nft', args: ['-f', '-'], stdin: 'add element inet slips_notebooks blocked4 { 10.0.0.9 }\n' },
  ]);
  assert.deepEqual(nftablesBackend.unblock('2001:db8::9'), [
    {
      program: 'nft',
      args: ['-f', '-'],
      stdin: 'delete element inet slips_notebooks blocked6 { 2001:db8::9 }\n',
    },
  ]);
});

test('iptables setup: our chain and a first-position jump from INPUT, OUTPUT, FORWARD, for IPv4 and IPv6', () => {
  assert.deepEqual(
    iptablesBackend.setup().map((c) => [c.program, ...c.args].join(' ')),
    [
      'iptables -w -N slipsBlocking',
      'iptables -w -I INPUT 1 -j slipsBlocking',
      'iptables -w -I OUTPUT 1 -j slipsBlocking',
      'iptables -w -I FORWARD 1 -j slipsBlocking',
      'ip6tables -w -N slipsBlocking',
      'ip6tables -w -I INPUT 1 -j slipsBlocking',
      'ip6tables -w -I OUTPUT 1 -j slipsBlocking',
      'ip6tables -w -I FORWARD 1 -j slipsBlocking',
    ],
  );
});

test('iptables block/unblock: a DROP per direction, commented, by address family; the address is one argument', () => {
  const block = iptablesBackend.block('10.0.0.9');
  assert.deepEqual(block, [
    {
      program: 'iptables',
      args: [
        '-w',
        '-I',
        'slipsBlocking',
        '-s',
        '10.0.0.9',
        '-m',
        'comment',
        '--comment',
        'Slips rule',
        '-j',
        'DROP',
      ],
    },
    {
      program: 'iptables',
      args: [
        '-w',
        '-I',
        'slipsBlocking',
        '-d',
        '10.0.0.9',
        '-m',
        'comment',
        '--comment',
        'Slips rule',
        '-j',
        'DROP',
      ],
    },
  ]);
  const unblock = iptablesBackend.unblock('2001:db8::9');
  assert.deepEqual(
    unblock.map((c) => [c.program, ...c.args.slice(0, 5)]),
    [
      ['ip6tables', '-w', '-D', 'slipsBlocking', '-s', '2001:db8::9'],
      ['ip6tables', '-w', '-D', 'slipsBlocking', '-d', '2001:db8::9'],
    ],
  );
});

test('commandText: arguments quoted for bash, an nft script as an ANSI-C here-string', () => {
  assert.equal(
    commandText(iptablesBackend.block('10.0.0.9')[0]!),
    "iptables -w -I slipsBlocking -s 10.0.0.9 -m comment --comment 'Slips rule' -j DROP",
  );
  assert.equal(
    commandText(nftablesBackend.block('10.0.0.9')[0]!),
    "nft -f - <<< $'add element inet slips_notebooks blocked4 { 10.0.0.9 }'",
  );
  const setup = commandText(nftablesBackend.setup()[0]!);
  assert.ok(!setup.includes('\n'), 'one line');
  assert.match(
    setup,
    /^nft -f - <<< \$'add table inet slips_notebooks\\ndelete table inet slips_notebooks\\ntable/,
  );
  assert.equal(
    commandText({ program: 'nft', args: ['-f', '-'], stdin: "a 'b' \\c\n" }),
    "nft -f - <<< $'a \\'b\\' \\\\c'",
  );
});

test('nft -j output: our table found among others, blocked elements read back', () => {
  const tables = JSON.stringify({
    nftables: [
      { metainfo: { version: '1.0.6', release_name: 'Lester Gooch #5', json_schema_version: 1 } },
      { table: { family: 'ip', name: 'filter', handle: 1 } },
      { table: { family: 'inet', name: 'slips_notebooks', handle: 2 } },
    ],
  });
  assert.equal(ourTableListed(tables), true);
  assert.equal(
    ourTableListed(JSON.stringify({ nftables: [{ table: { family: 'ip', name: 'slips_notebooks' } }] })),
    false,
  );
  assert.equal(ourTableListed('not json'), false);
  const table = JSON.stringify({
    nftables: [
      { metainfo: {} },
      { table: { family: 'inet', name: 'slips_notebooks', handle: 2 } },
      {
        set: {
          family: 'inet',
          name: 'blocked4',
          table: 'slips_notebooks',
          type: 'ipv4_addr',
          handle: 1,
          elem: ['10.0.0.9', '10.0.0.3'],
        },
      },
      { set: { family: 'inet', name: 'blocked6', table: 'slips_notebooks', type: 'ipv6_addr', handle: 2 } },
      { chain: { family: 'inet', table: 'slips_notebooks', name: 'input', handle: 3 } },
    ],
  });
  assert.deepEqual(blockedInTable(table), ['10.0.0.3', '10.0.0.9']);
});

test('backend choice: nftables first, iptables as fallback, a forced one only if present', () => {
  const backends = { nftables: nftablesBackend, iptables: iptablesBackend };
  const only =
    (...progs: string[]) =>
    (p: string) =>
      progs.includes(p);
  assert.equal(chooseBackend(backends, 'auto', only('nft', 'iptables'))?.name, 'nftables');
  assert.equal(chooseBackend(backends, 'auto', only('iptables'))?.name, 'iptables');
  assert.equal(chooseBackend(backends, 'auto', only()), undefined);
  assert.equal(chooseBackend(backends, 'iptables', only('nft', 'iptables'))?.name, 'iptables');
  assert.equal(chooseBackend(backends, 'nftables', only('iptables')), undefined);
});
