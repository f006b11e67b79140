// One file Zeek's file analysis would see (an HTTP message body in either direction, a MIME entity of a
// mail): its MD5 and SHA1 (as Slips' Zeek configuration hashes every file), the MIME type sniffed from
// its first bytes, the bytes seen, the declared total (Content-Length), and the bytes lost to content
// gaps → a files.log record.
import { createHash, type Hash } from 'node:crypto';
import type { FilesRecord } from '../../../flow';
import { syntheticUid } from '../../uid';
import type { Connection } from '../connection';
import { appHeader } from './analyzer';
import { sniffMime, SNIFF_BYTES } from './mimeSniff';

/** A files record from packets: files.log's columns that FilesRecord has no field for ride along. */
export interface PacketFilesRecord extends FilesRecord {
  depth: number;
  filename: string;
  isOrig: boolean;
  duration: number;
  seenBytes: number;
  /** Declared length; -1 when the message did not declare one. */
  totalBytes: number;
  missingBytes: number;
}

export class TransferredFile {
  readonly fuid: string;
  private readonly md5: Hash = createHash('md5');
  private readonly sha1: Hash = createHash('sha1');
  private head = '';
  private seen = 0;
  private missing = 0;
  private last: number;

  constructor(
    private readonly c: Connection,
    private readonly isOrig: boolean,
    private readonly depth: number,
    private readonly total: number,
    private readonly first: number,
    private readonly source = 'HTTP',
    private readonly filename = '',
    /** Tells files of one connection apart beyond direction and depth (an SMTP transaction). */
    scope = '',
  ) {
    // Deterministic, one per connection, direction, transaction and depth.
    this.fuid = 'F' + syntheticUid(`${c.uid}/${isOrig ? 'o' : 'r'}${scope}`, depth).slice(1);
    this.last = first;
  }

  data(b: Buffer, off: number, len: number, ts: number): void {
    if (this.head.length < SNIFF_BYTES)
      this.head += b.toString('latin1', off, off + Math.min(len, SNIFF_BYTES - this.head.length));
    this.md5.update(b.subarray(off, off + len));
    this.sha1.update(b.subarray(off, off + len));
    this.seen += len;
    this.last = ts;
  }

  /** Bytes of the body never captured: the hashes cannot be trusted any more. */
  gap(len: number): void {
    this.missing += len;
  }

  get mime(): string {
    return sniffMime(this.head);
  }

  record(file: string): PacketFilesRecord {
    const whole = this.missing === 0;
    return {
      kind: 'files',
      // files.log has no transport column.
      ...appHeader(this.c, file, ''),
      ts: this.first,
      uid: this.fuid,
      fuid: this.fuid,
      connUids: [this.c.uid],
      source: this.source,
      analyzers: whole ? ['MD5', 'SHA1'] : [],
      mimeType: this.mime,
      // A hash over a body with holes is not the file's: Zeek leaves them unset then.
      md5: whole ? this.md5.digest('hex') : '',
      sha1: whole ? this.sha1.digest('hex') : '',
      sha256: '',
      // Zeek's total_bytes: the declared length only (a chunked body has none).
      size: this.total >= 0 ? this.total : 0,
      depth: this.depth,
      filename: this.filename,
      isOrig: this.isOrig,
      duration: this.last - this.first,
      seenBytes: this.seen,
      totalBytes: this.total,
      missingBytes: this.missing,
    };
  }
}
