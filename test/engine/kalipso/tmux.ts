// Drives a terminal program in a real tmux pane: type keys, read the screen, wait for text, get the
// exit code. Each session runs on its own tmux server socket so tests never touch a user's tmux.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let sessions = 0;

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export class TmuxSession {
  private readonly socket = `kalipso-test-${process.pid}-${++sessions}`;
  private readonly exitFile: string;

  /** Starts `argv` (with `env` added) in a width × height pane. */
  constructor(argv: string[], width: number, height: number, env: Record<string, string> = {}) {
    this.exitFile = join(mkdtempSync(join(tmpdir(), 'kalipso-tmux-')), 'exit');
    const vars = Object.entries(env).map(([k, v]) => `${k}=${quote(v)}`);
    const cmd = `env ${vars.join(' ')} ${argv.map(quote).join(' ')} 2>/dev/null; echo $? > ${quote(this.exitFile)}`;
    this.tmux(['new-session', '-d', '-x', String(width), '-y', String(height), cmd]);
  }

  private tmux(args: string[]): string {
    const r = spawnSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
    if (r.status !== 0 && args[0] !== 'kill-server') throw new Error(`tmux ${args[0]}: ${r.stderr}`);
    return r.stdout;
  }

  keys(...keys: string[]): void {
    for (const k of keys) this.tmux(['send-keys', k]);
  }

  /** One key pressed `times` times. */
  repeat(key: string, times: number): void {
    if (times > 0) this.tmux(['send-keys', '-N', String(times), key]);
  }

  /** The pane as text; with `escapes`, the SGR sequences of colours and attributes too. */
  screen(escapes = false): string {
    return this.tmux(['capture-pane', '-p', ...(escapes ? ['-e'] : [])]);
  }

  /** Polls the pane until `re` matches (the program draws asynchronously), failing with the last screen. */
  async waitFor(re: RegExp, timeoutMs = 15000): Promise<string> {
    const until = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < until) {
      last = this.screen();
      if (re.test(last)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`screen never matched ${re}:\n${last}`);
  }

  /** Waits for the program to end and returns its exit code. */
  async exitCode(timeoutMs = 15000): Promise<number> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (existsSync(this.exitFile)) {
        const text = readFileSync(this.exitFile, 'utf8');
        if (text.endsWith('\n')) return Number(text.trim());
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the program did not exit:\n${this.screen()}`);
  }

  kill(): void {
    this.tmux(['kill-server']);
  }
}
