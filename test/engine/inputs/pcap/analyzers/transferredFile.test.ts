// files.log from HTTP bodies: the MD5 and SHA1 of the bytes as they were sent (checked against
// node:crypto over the same bytes), both directions, the MIME type by content, declared and seen sizes,
// a chunked body, and a body with a hole (missing bytes, no hashes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { FlowRecord, HttpRecord } from '../../../../../engine/flow';
import type { PacketFilesRecord } from '../../../../../engine/inputs/pcap/analyzers/transferredFile';
import type { PacketHttpRecord } from '../../../../../engine/inputs/pcap/analyzers/http';
import { DATA } from '../../../../helpers/data';
import { readPcap } from '../connBaseline';
import { pcapFile } from '../pcapBuilder';
import { readBytes } from '../readCapture';
import { session } from '../tcpConversation';

const files = (r: FlowRecord[]) => r.filter((x): x is PacketFilesRecord => x.kind === 'files');
const http = (r: FlowRecord[]) => r.filter((x): x is PacketHttpRecord => x.kind === 'http');
const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
const sha1 = (b: Buffer) => createHash('sha1').update(b).digest('hex');

test('a POST and its reply: two files, hashes of the exact bytes, linked from http.log', async () => {
  const upload = Buffer.from('{"name":"x","values":[1,2,3]}');
  const png = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(3000, 7)]);
  const pkts = session(80, [
    [
      true,
      Buffer.concat([
        Buffer.from(`POST /up HTTP/1.1\r\nHost: h\r\nContent-Length: ${upload.length}\r\n\r\n`),
        upload,
      ]),
    ],
    [false, Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${png.length}\r\n\r\n`)],
    [false, png.subarray(0, 1400)],
    [false, png.subarray(1400, 2800)],
    [false, png.subarray(2800)],
  ]);
  const { records } = await readBytes(pcapFile(1, pkts));
  const [up, down] = files(records);
  assert.deepEqual(
    [up!.isOrig, up!.mimeType, up!.md5, up!.sha1, up!.seenBytes, up!.totalBytes, up!.missingBytes],
    [true, 'text/json', md5(upload), sha1(upload), upload.length, upload.length, 0],
  );
  assert.deepEqual(
    [down!.isOrig, down!.mimeType, down!.md5, down!.sha1, down!.seenBytes, down!.size],
    [false, 'image/png', md5(png), sha1(png), png.length, png.length],
  );
  assert.deepEqual(down!.connUids, [records.find((r) => r.kind === 'conn')!.uid]);
  const h = http(records)[0]!;
  assert.deepEqual(h.respFuids, [down!.fuid]);
  assert.deepEqual(h.origFuids, [up!.fuid]);
  assert.deepEqual(h.respMimeTypes, ['image/png']);
});

test('a chunked reply: one file of the de-chunked bytes, no declared total', async () => {
  const pkts = session(80, [
    [true, Buffer.from('GET / HTTP/1.1\r\nHost: h\r\n\r\n')],
    [
      false,
      Buffer.from(
        'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n',
      ),
    ],
  ]);
  const { records } = await readBytes(pcapFile(1, pkts));
  const [f] = files(records);
  assert.equal(f!.md5, md5(Buffer.from('hello world')));
  assert.equal(f!.seenBytes, 11);
  assert.equal(f!.totalBytes, -1);
});

test('a body with a hole: missing bytes counted, no hashes of a file that was not seen whole', async () => {
  const body = Buffer.alloc(4200, 0x61);
  const pkts = session(
    80,
    [
      [true, Buffer.from('GET / HTTP/1.1\r\nHost: h\r\n\r\n')],
      [false, Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`)],
      [false, body.subarray(0, 1400)],
      [false, body.subarray(1400, 2800)],
      [false, body.subarray(2800)],
    ],
    [0, 1, 2, 4],
  );
  const { records } = await readBytes(pcapFile(1, pkts));
  const [f] = files(records);
  assert.equal(f!.missingBytes, 1400);
  assert.equal(f!.seenBytes, 2800);
  assert.equal(f!.md5, '');
  assert.deepEqual(f!.analyzers, []);
});

test('get.pcap: the one download, its size as http.log counts it', async () => {
  const { records } = await readPcap(join(DATA, 'zeek-baselines/zeek-v8.0.0/http-get/get.pcap'));
  const [f] = files(records);
  const h = http(records)[0] as HttpRecord;
  assert.equal(f!.seenBytes, h.responseBodyLen);
  assert.equal(f!.mimeType, h.respMimeTypes[0]);
  assert.match(f!.md5, /^[0-9a-f]{32}$/);
  assert.deepEqual(h.respFuids, [f!.fuid]);
});
