// DHCP from a real capture (Zeek's dhcp btest trace): messages joined into conversations by transaction
// id across their connections, every dhcp.log field as Zeek wrote it; then the same real packets cut
// short inside their options: never a crash, the options before the cut kept, a weird for the damage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { FlowRecord } from '../../../../../engine/flow';
import { parseDhcp, type PacketDhcpRecord } from '../../../../../engine/inputs/pcap/analyzers/dhcp';
import { DATA } from '../../../../helpers/data';
import { capturePackets } from '../capturePackets';
import { readPcap } from '../connBaseline';
import { ethernet, ipv4, pcapFile, udp } from '../pcapBuilder';
import { readBytes } from '../readCapture';

const PCAP = join(DATA, 'zeek-baselines/zeek-v8.0.0/dhcp/dhcp.pcap');
const dhcp = (r: FlowRecord[]) => r.filter((x): x is PacketDhcpRecord => x.kind === 'dhcp');
/** Ethernet, IPv4 (no options) and UDP headers before the BOOTP message in this capture. */
const BOOTP_AT = 42;

test('dhcp.pcap: three conversations, fields as Zeek logged them', async () => {
  const { records, acc } = await readPcap(PCAP);
  assert.equal(acc.rejected, 0);
  const rows = dhcp(records).map((r) => ({
    uids: r.uids.length,
    client: r.clientAddr,
    server: r.serverAddr,
    mac: r.smac,
    host: r.hostName,
    domain: r.domain,
    requested: r.requestedAddr,
    assigned: r.assignedAddr,
    lease: r.leaseTime,
    serverMessage: r.serverMessage,
    types: r.msgTypes.join(','),
    duration: r.duration.toFixed(6),
  }));
  const mac = '90:b1:1c:99:49:29';
  assert.deepEqual(rows, [
    {
      uids: 4,
      client: '128.2.6.97',
      server: '128.2.6.152',
      mac,
      host: 'btest.is.cool',
      domain: 'cmu.edu',
      requested: '128.2.6.189',
      assigned: '128.2.6.189',
      lease: 900,
      serverMessage: 'requested address not available',
      types: 'DISCOVER,OFFER,REQUEST,NAK,REQUEST,ACK,DECLINE',
      duration: '3.058797',
    },
    {
      uids: 1,
      client: '',
      server: '',
      mac,
      host: '',
      domain: '',
      requested: '',
      assigned: '',
      lease: -1,
      serverMessage: '',
      types: 'RELEASE',
      duration: '0.000000',
    },
    {
      uids: 1,
      client: '',
      server: '',
      mac,
      host: 'btest.is.cool',
      domain: '',
      requested: '128.2.6.189',
      assigned: '',
      // An INFORM's lease option is the client's wish, not a lease: Zeek logs leases from ACKs only.
      lease: -1,
      serverMessage: '',
      types: 'INFORM',
      duration: '0.000000',
    },
  ]);
  // The record speaks for the client: its address, or its MAC before it has one.
  assert.equal(dhcp(records)[1]!.saddr, mac);
  // The conn records keep the DHCP service.
  assert.ok(
    records.filter((r) => r.kind === 'conn').every((r) => r.kind === 'conn' && r.appproto === 'dhcp'),
  );
});

test('parseDhcp on the real OFFER cut at every length: no throw; options before the cut kept', () => {
  const offer = capturePackets(PCAP)[1]!.data.subarray(BOOTP_AT);
  const full = parseDhcp(offer, 0, offer.length)!;
  assert.equal(full.type, 2);
  assert.equal(full.domain, 'cmu.edu');
  assert.equal(full.truncated, false);
  let truncated = 0;
  for (let n = 0; n <= offer.length; n++) {
    const m = parseDhcp(offer, 0, n);
    if (n < 240) {
      assert.equal(m, undefined, `${n} bytes: no cookie yet`);
      continue;
    }
    if (m === undefined) continue; // cut before the message type option
    assert.equal(m.type, 2);
    assert.equal(m.xid, 0x7c0);
    if (m.truncated) truncated++;
    // The domain option is the last one: only a whole copy of it is taken.
    assert.ok(m.domain === '' || m.domain === 'cmu.edu', `${n}: ${m.domain}`);
  }
  assert.ok(truncated > 50, `${truncated} cuts inside an option`);
});

test('the reader on DHCP packets with truncated options and garbage: weirds, records from what is left', async () => {
  const pkts = capturePackets(PCAP);
  const discover = pkts[0]!.data.subarray(BOOTP_AT);
  // Cut in the middle of the Hostname option (its length byte promises more than is there).
  const cut = discover.subarray(0, discover.indexOf(Buffer.from('btest')) + 3);
  const garbage = Buffer.alloc(300, 0x41);
  const frame = (ts: number, payload: Buffer) => ({
    ts,
    data: ethernet(0x0800, ipv4('0.0.0.0', '255.255.255.255', 17, udp(68, 67, payload))),
  });
  const { records, acc } = await readBytes(
    pcapFile(1, [frame(1600000000, cut), frame(1600000001, garbage), frame(1600000002, Buffer.alloc(3))]),
  );
  assert.equal(acc.rejected, 0);
  const rows = dhcp(records);
  assert.equal(rows.length, 1);
  assert.deepEqual(rows[0]!.msgTypes, ['DISCOVER']);
  assert.equal(rows[0]!.requestedAddr, '192.168.211.194');
  assert.equal(rows[0]!.hostName, '');
  const names = records.filter((r) => r.kind === 'weird').map((r) => (r.kind === 'weird' ? r.name : ''));
  assert.ok(names.includes('DHCP_truncated_options'), names.join());
});

test('10,000 DHCP transactions at once: conversations are bounded and all logged', async () => {
  const discover = capturePackets(PCAP)[0]!.data.subarray(BOOTP_AT);
  const pkts = [];
  for (let i = 0; i < 12000; i++) {
    const m = Buffer.from(discover);
    m.writeUInt32BE(i + 1, 4);
    pkts.push({
      ts: 1600000000 + i * 0.001,
      data: ethernet(0x0800, ipv4('0.0.0.0', '255.255.255.255', 17, udp(68, 67, m))),
    });
  }
  const { records, acc } = await readBytes(pcapFile(1, pkts));
  assert.equal(acc.rejected, 0);
  const rows = dhcp(records);
  assert.equal(rows.length, 12000);
  assert.ok(rows.every((r) => r.msgTypes.length === 1));
});

test('a conversation is logged once its watch time has passed in traffic time, not only at the end', async () => {
  const discover = capturePackets(PCAP)[0]!;
  const other = {
    ts: discover.ts + 40,
    data: ethernet(0x0800, ipv4('10.1.1.1', '10.1.1.2', 17, udp(4000, 4001, Buffer.from('x')))),
  };
  const position = (r: FlowRecord[]) => {
    const d = r.findIndex((x) => x.kind === 'dhcp');
    const c = r.findIndex((x) => x.kind === 'conn' && x.dport === 67);
    return d < c ? 'before its connection ended' : 'after';
  };
  const alone = await readBytes(pcapFile(1, [discover]));
  assert.equal(position(alone.records), 'after');
  const later = await readBytes(pcapFile(1, [discover, other]));
  assert.equal(position(later.records), 'before its connection ended');
});
