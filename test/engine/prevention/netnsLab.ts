// A small routed network of our own for the blocking tests, all inside network namespaces: an outside
// namespace holding the attacker (10.232.1.2) and a second, innocent host address (10.232.1.3) on one
// link, a router that forwards between 10.232.1.0/24 and 10.232.2.0/24 and runs slips, and a victim
// (10.232.2.2) serving HTTP on port 80. No packet leaves the namespaces; removing them removes the veths.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

export interface Lab {
  atk: string;
  rtr: string;
  vic: string;
  /** The router's interface towards the attacker: where slips captures. */
  rtrIf: string;
  attacker: string;
  other: string;
  victim: string;
}

export const ATTACKER = '10.232.1.2';
export const OTHER = '10.232.1.3';
export const VICTIM = '10.232.2.2';

export function sh(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.error?.message}`);
  return r.stdout;
}

/** Runs `cmd` inside namespace `ns` and returns stdout, throwing on a non-zero exit. */
export function inNs(ns: string, cmd: string, args: string[]): string {
  return sh('ip', ['netns', 'exec', ns, cmd, ...args]);
}

/** Whether this machine can build the lab: root, and `ip netns` works. */
export function labSkipReason(): string | false {
  if (process.getuid?.() !== 0)
    return 'network namespaces and firewall changes need root (this test runs only as root)';
  const r = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return `'ip netns' is not available: ${r.stderr || r.error?.message}`;
  return false;
}

export class NetnsLab implements Lab {
  readonly atk: string;
  readonly rtr: string;
  readonly vic: string;
  readonly rtrIf: string;
  readonly attacker = ATTACKER;
  readonly other = OTHER;
  readonly victim = VICTIM;
  private readonly procs: ChildProcess[] = [];
  private readonly links: [string, string, string, string];

  constructor(tag: string) {
    // Interface names are limited to 15 characters.
    this.atk = `${tag}atk`;
    this.rtr = `${tag}rtr`;
    this.vic = `${tag}vic`;
    this.rtrIf = `${tag}ra`;
    this.links = [`${tag}a`, this.rtrIf, `${tag}rv`, `${tag}v`];
  }

  up(): void {
    this.down();
    try {
      const [atkIf, rtrA, rtrV, vicIf] = this.links;
      const ip = (...a: string[]) => sh('ip', a);
      for (const ns of [this.atk, this.rtr, this.vic]) {
        ip('netns', 'add', ns);
        ip('-n', ns, 'link', 'set', 'lo', 'up');
      }
      ip('link', 'add', atkIf, 'type', 'veth', 'peer', 'name', rtrA);
      ip('link', 'add', rtrV, 'type', 'veth', 'peer', 'name', vicIf);
      ip('link', 'set', atkIf, 'netns', this.atk);
      ip('link', 'set', rtrA, 'netns', this.rtr);
      ip('link', 'set', rtrV, 'netns', this.rtr);
      ip('link', 'set', vicIf, 'netns', this.vic);
      // The attacker's address first, so it is the one nmap and ping use by default.
      ip('-n', this.atk, 'addr', 'add', `${ATTACKER}/24`, 'dev', atkIf);
      ip('-n', this.atk, 'addr', 'add', `${OTHER}/24`, 'dev', atkIf);
      ip('-n', this.rtr, 'addr', 'add', '10.232.1.1/24', 'dev', rtrA);
      ip('-n', this.rtr, 'addr', 'add', '10.232.2.1/24', 'dev', rtrV);
      ip('-n', this.vic, 'addr', 'add', `${VICTIM}/24`, 'dev', vicIf);
      for (const [ns, dev] of [
        [this.atk, atkIf],
        [this.rtr, rtrA],
        [this.rtr, rtrV],
        [this.vic, vicIf],
      ] as const)
        ip('-n', ns, 'link', 'set', dev, 'up');
      ip('-n', this.atk, 'route', 'add', 'default', 'via', '10.232.1.1');
      ip('-n', this.vic, 'route', 'add', 'default', 'via', '10.232.2.1');
      inNs(this.rtr, 'sysctl', ['-q', '-w', 'net.ipv4.ip_forward=1']);
      // The victim's web server: a node one-liner, so the lab needs nothing but node.
      this.spawnIn(this.vic, process.execPath, [
        '-e',
        `require('http').createServer((q,r)=>r.end('ok')).listen(80,'${VICTIM}')`,
      ]);
    } catch (err) {
      this.down();
      throw err;
    }
  }

  /** A long-running process in a namespace, killed by down(). */
  spawnIn(ns: string, cmd: string, args: string[]): ChildProcess {
    const p = spawn('ip', ['netns', 'exec', ns, cmd, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.procs.push(p);
    return p;
  }

  down(): void {
    for (const p of this.procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    this.procs.length = 0;
    for (const ns of [this.atk, this.rtr, this.vic]) spawnSync('ip', ['netns', 'del', ns]);
  }

  /** Echo replies `from` (one of the attacker namespace's addresses) gets back from the victim out of `n`. */
  pingReplies(from: string, n = 3): number {
    // hping3 rather than ping: it is already needed for the scans, and -a picks the source address.
    const r = spawnSync(
      'ip',
      ['netns', 'exec', this.atk, 'hping3', '-1', '-c', String(n), '-i', 'u200000', '-a', from, VICTIM],
      { encoding: 'utf8' },
    );
    const m = /(\d+) packets received/.exec(r.stdout + r.stderr);
    if (!m) throw new Error(`hping3 gave no summary: ${r.stdout} ${r.stderr}`);
    return Number(m[1]);
  }

  /**
   * Packets from `from` that arrive at the victim's interface while `send` runs, counted by tcpdump in
   * the victim's namespace: the victim-side proof that a block holds (or that traffic flows).
   */
  async arrivingAtVictim(from: string, send: () => void): Promise<number> {
    const [, , , vicIf] = this.links;
    const p = spawn(
      'ip',
      [
        'netns',
        'exec',
        this.vic,
        'tcpdump',
        '-i',
        vicIf,
        '-n',
        '--immediate-mode',
        '-w',
        '/dev/null',
        `src host ${from}`,
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    this.procs.push(p);
    let err = '';
    p.stderr!.setEncoding('utf8');
    const listening = new Promise<void>((resolve, reject) => {
      p.stderr!.on('data', (s: string) => {
        err += s;
        if (err.includes('listening on')) resolve();
      });
      p.once('exit', () => reject(new Error(`tcpdump ended before capturing: ${err}`)));
    });
    await listening;
    send();
    const ended = new Promise<void>((resolve) => p.once('exit', () => resolve()));
    p.kill('SIGINT');
    await ended;
    const m = /(\d+) packets? captured/.exec(err);
    if (!m) throw new Error(`tcpdump gave no count: ${err}`);
    return Number(m[1]);
  }

  /** `n` complete HTTP requests from the innocent address: ordinary traffic that moves traffic time on. */
  httpFromOther(n: number): void {
    inNs(this.atk, process.execPath, [
      '-e',
      `const http=require('http');let left=${n};
       const next=()=>{if(left--<=0)return;http.get({host:'${VICTIM}',port:80,path:'/',localAddress:'${OTHER}',agent:false},
       (r)=>{r.resume();r.on('end',()=>setTimeout(next,100));}).on('error',(e)=>{console.error(e.message);process.exit(1);});};next();`,
    ]);
  }
}
