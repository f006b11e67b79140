// One firewall command as data (program, argv, optional stdin) and how it runs: through execFile, never a
// shell, so an address can only ever be one argument or one token of an nft script that was checked to be
// an IP before. The same value is what --dry-run-blocking writes to blocking.log instead of running it.
import { execFile, spawnSync } from 'node:child_process';

export interface FirewallCommand {
  program: 'nft' | 'iptables' | 'ip6tables';
  args: string[];
  /** An nft script given on stdin (`nft -f -`). */
  stdin?: string;
}

export interface CommandResult {
  ok: boolean;
  stdout: string;
  /** What went wrong, in one line: the program's complaint or the spawn error. */
  error: string;
  /** The program could not run because it is not installed. */
  missing: boolean;
}

/**
 * The command as a user would type it in bash, on one line: an nft script becomes a here-string in
 * ANSI-C quotes (`<<< $'line\\nline'`), which bash turns back into exactly the script nft reads.
 */
export function commandText(c: FirewallCommand): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  const line = [c.program, ...c.args].map(quote).join(' ');
  if (c.stdin === undefined) return line;
  const script = c.stdin
    .trimEnd()
    .split('\n')
    .map((l) => l.trim().replace(/\\/g, '\\\\').replace(/'/g, "\\'"))
    .join('\\n');
  return `${line} <<< $'${script}'`;
}

/** Debian keeps nft and iptables in sbin, which a user's PATH may lack. */
export function pathWithSbin(path: string): string {
  const parts = path.split(':').filter((p) => p !== '');
  for (const extra of ['/usr/sbin', '/sbin']) if (!parts.includes(extra)) parts.push(extra);
  return parts.join(':');
}

export function runCommand(c: FirewallCommand): Promise<CommandResult> {
  const env = { ...process.env, PATH: pathWithSbin(process.env.PATH ?? ''), LC_ALL: 'C' };
  return new Promise((resolve) => {
    const child = execFile(c.program, c.args, { env, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (!err) return resolve({ ok: true, stdout, error: '', missing: false });
      const e = err as NodeJS.ErrnoException & { code?: unknown };
      const missing = e.code === 'ENOENT';
      const why = missing
        ? `${c.program} was not found`
        : (String(stderr).trim() || e.message).replace(/\s+/g, ' ');
      resolve({ ok: false, stdout, error: why, missing });
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(c.stdin ?? '');
  });
}

/** Runs a command to its end, blocking the process: only for an 'exit' handler, where nothing async runs. */
export function runCommandSync(c: FirewallCommand): boolean {
  const env = { ...process.env, PATH: pathWithSbin(process.env.PATH ?? ''), LC_ALL: 'C' };
  const r = spawnSync(c.program, c.args, { env, input: c.stdin ?? '', stdio: ['pipe', 'ignore', 'ignore'] });
  return r.status === 0;
}

/** The failure is the kernel refusing an unprivileged process (no CAP_NET_ADMIN). */
export function isPermissionError(r: CommandResult): boolean {
  return /operation not permitted|permission denied|you must be root|EPERM|EACCES/i.test(r.error);
}
