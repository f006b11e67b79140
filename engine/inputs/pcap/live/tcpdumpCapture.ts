// Live capture through Debian's tcpdump: it opens the interface (with the privileges it has) and writes
// classic pcap to its stdout, flushed per packet (-U), which the pcap reader consumes as a stream. Using
// tcpdump rather than a libpcap binding keeps `npm install` free of native builds, and a capture that
// cannot start fails here, before any output folder exists, with one sentence saying what to do.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { InputError } from '../../reader';
import { parseTcpdumpStats, type TcpdumpStats } from './tcpdumpStats';

export interface CaptureOptions {
  iface: string;
  /** A BPF filter expression, as tcpdump takes it. */
  filter?: string;
  /** The tcpdump program (default: `tcpdump` from PATH, then the usual Debian places). */
  program?: string;
}

/** Kernel buffer in KiB: the default buffer dropped a third of an hping3 flood, 64 MiB a twentieth. */
const BUFFER_KIB = 65536;
/** stderr kept for error messages and the final statistics (tcpdump says little). */
const MAX_STDERR = 64 * 1024;

export interface CaptureEnd {
  /** tcpdump's exit code (null when killed by a signal it did not handle). */
  code: number | null;
  signal: NodeJS.Signals | null;
  stats: TcpdumpStats | undefined;
  /** tcpdump's last lines, for a capture that ended by itself. */
  stderr: string;
}

export class LiveCapture {
  private stopping = false;

  constructor(
    private readonly child: ChildProcessByStdio<null, Readable, Readable>,
    readonly iface: string,
    readonly filter: string,
    /** Resolves once tcpdump has exited and its stdio are closed. */
    readonly ended: Promise<CaptureEnd>,
  ) {}

  /** pcap bytes, ending when tcpdump exits. */
  get stream(): Readable {
    return this.child.stdout;
  }

  /** Asks tcpdump to stop: it flushes the last packets, prints its counts and closes the stream. */
  stop(): void {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    // A second request means the first was not enough (tcpdump blocked on a full pipe): no more waiting.
    this.child.kill(this.stopping ? 'SIGKILL' : 'SIGINT');
    this.stopping = true;
  }
}

export function tcpdumpArgs(o: CaptureOptions): string[] {
  const args = ['-i', o.iface, '-w', '-', '-U', '-n', '--immediate-mode', '-B', String(BUFFER_KIB)];
  if (o.filter !== undefined && o.filter.trim() !== '') args.push(o.filter);
  return args;
}

/**
 * Starts tcpdump and resolves once it is capturing (it says "listening on" on stderr; stdout is left
 * untouched for the reader), or rejects with an
 * InputError naming the cause: tcpdump missing, no permission, no such interface, a bad filter.
 */
export function startCapture(o: CaptureOptions): Promise<LiveCapture> {
  const program = o.program ?? 'tcpdump';
  const env = { ...process.env, PATH: withSbin(process.env.PATH ?? '') };
  return new Promise((resolve, reject) => {
    let child: ChildProcessByStdio<null, Readable, Readable>;
    try {
      child = spawn(program, tcpdumpArgs(o), { stdio: ['ignore', 'pipe', 'pipe'], env });
    } catch (err) {
      reject(new InputError(spawnFailure(program, err as NodeJS.ErrnoException)));
      return;
    }
    let stderr = '';
    let started = false;
    const ended = new Promise<CaptureEnd>((res) => {
      child.once('close', (code, signal) =>
        res({ code, signal, stats: parseTcpdumpStats(stderr), stderr: lastLines(stderr) }),
      );
    });
    const ready = () => {
      if (started) return;
      started = true;
      resolve(new LiveCapture(child, o.iface, o.filter ?? '', ended));
    };
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => {
      if (stderr.length < MAX_STDERR) stderr += s;
      if (/listening on /.test(stderr)) ready();
    });
    child.once('error', (err: NodeJS.ErrnoException) => {
      if (!started) reject(new InputError(spawnFailure(program, err)));
    });
    void ended.then((end) => {
      if (!started) reject(new InputError(startFailure(o, end)));
    });
  });
}

function spawnFailure(program: string, err: NodeJS.ErrnoException): string {
  if (err.code === 'ENOENT')
    return `live capture needs tcpdump, which was not found (${program}); install it (apt-get install tcpdump) and try again`;
  if (err.code === 'EACCES')
    return `live capture could not run ${program} (permission denied); check that it is executable`;
  return `live capture could not start ${program}: ${err.message}`;
}

/** tcpdump stopped before capturing: its message turned into what the user should do. */
function startFailure(o: CaptureOptions, end: CaptureEnd): string {
  const said = end.stderr.replace(/\s+/g, ' ').trim();
  if (/permission|not permitted/i.test(said))
    return (
      `no permission to capture on ${o.iface}: run slips as root, or give tcpdump the capture ` +
      `capabilities (setcap cap_net_raw,cap_net_admin=eip $(command -v tcpdump)) (tcpdump said: ${said})`
    );
  if (/no such device|doesn't exist|does not exist/i.test(said))
    return `there is no interface named ${o.iface} (list them with ip link) (tcpdump said: ${said})`;
  if (/syntax error|filter|expression/i.test(said))
    return `the capture filter '${o.filter ?? ''}' is not valid BPF (tcpdump said: ${said})`;
  const how = end.signal ? `was stopped by ${end.signal}` : `exited with code ${end.code}`;
  return `tcpdump ${how} before capturing on ${o.iface}${said ? ` (tcpdump said: ${said})` : ''}`;
}

function lastLines(s: string): string {
  return s.trim().split('\n').slice(-3).join('\n');
}

/** Debian installs tcpdump in /usr/bin, older releases in /usr/sbin, which a user's PATH may lack. */
function withSbin(path: string): string {
  const parts = path.split(':').filter((p) => p !== '');
  for (const extra of ['/usr/sbin', '/sbin']) if (!parts.includes(extra)) parts.push(extra);
  return parts.join(':');
}
