// A path (or `-` for stdin) → the reader for it: the given type, else the detected one.
import { BinetflowReader } from './argus/binetflowReader';
import { detectFormat, statInput } from './detectFormat';
import { NfdumpReader } from './nfdump/nfdumpReader';
import { PcapReader } from './pcap/pcapReader';
import { InputError, type InputFormat, type Reader, type ReaderOptions, type Source } from './reader';
import { SuricataReader } from './suricata/suricataReader';
import { ZeekFolderReader } from './zeek/zeekFolderReader';
import { ZeekLogReader } from './zeek/zeekLogReader';

export type OpenReaderOptions = ReaderOptions & { type?: InputFormat };

export async function openReader(path: string, opts: OpenReaderOptions): Promise<Reader> {
  const { type, ...readerOpts } = opts;
  if (path === '-') {
    if (type === undefined)
      throw new InputError(
        'reading from stdin (-) needs the input type, as it cannot be sniffed without consuming it; pass -t/--input-type',
      );
    if (type === 'zeek-folder')
      throw new InputError('stdin (-) is a stream, not a Zeek log folder; give the folder path instead');
    return readerFor(type, { kind: 'stream', stream: process.stdin, name: '-' }, readerOpts);
  }
  // A given type skips sniffing (the user knows better), but a missing path still gets one clear sentence.
  let format: InputFormat;
  if (type === undefined) format = await detectFormat(path);
  else {
    const st = await statInput(path);
    if (type === 'zeek-folder' && !st.isDirectory())
      throw new InputError(`${path} is not a folder, so it cannot be read as a Zeek log folder`);
    if (type !== 'zeek-folder' && st.isDirectory())
      throw new InputError(`${path} is a folder; only a Zeek log folder can be read as one (-t zeek-folder)`);
    format = type;
  }
  if (format === 'zeek-folder') return new ZeekFolderReader(path, readerOpts);
  return readerFor(format, { kind: 'file', path }, readerOpts);
}

function readerFor(format: InputFormat, source: Source, opts: ReaderOptions): Reader {
  switch (format) {
    case 'binetflow':
    case 'binetflow-tabs':
      return new BinetflowReader(source, { ...opts, format });
    case 'suricata':
      return new SuricataReader(source, opts);
    case 'nfdump':
      return new NfdumpReader(source, opts);
    case 'zeek-tsv':
    case 'zeek-json':
      // The log's #path/_path or its name says its kind; the reader falls back to conn, as upstream does for stdin.
      return new ZeekLogReader(source, opts);
    case 'pcap':
    case 'pcapng':
      return new PcapReader(source, { ...opts, format });
    case 'zeek-folder':
      throw new InputError('a Zeek log folder must be given as a folder path');
  }
}
