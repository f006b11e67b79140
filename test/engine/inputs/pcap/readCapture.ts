// Reads hand-built capture bytes through the real reader (from a temporary file, as a user would).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FlowRecord } from '../../../../engine/flow';
import { Accounting } from '../../../../engine/inputs/accounting';
import { PcapReader } from '../../../../engine/inputs/pcap/pcapReader';

const dir = mkdtempSync(join(tmpdir(), 'pcap-test-'));
let n = 0;

/** `name` fixes the file name (uids derive from it). */
export async function readBytes(
  bytes: Buffer,
  name = `c${++n}.pcap`,
): Promise<{ records: FlowRecord[]; acc: Accounting }> {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const acc = new Accounting();
  const format = bytes.readUInt32LE(0) === 0x0a0d0d0a ? 'pcapng' : 'pcap';
  const reader = new PcapReader({ kind: 'file', path }, { accounting: acc, format });
  const records: FlowRecord[] = [];
  for await (const b of reader.batches()) records.push(...b);
  return { records, acc };
}
