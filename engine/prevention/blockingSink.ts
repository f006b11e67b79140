// `-p`: the engine's alerts turned into firewall blocks. It listens like an output (records give the
// traffic clock, alerts the attackers), asks the policy what to do, and runs the backend's commands one
// after the other in the background (a queue, so a block is never overtaken by its own unblock). It is
// the first sink, so an alert it blocked reads "Is blocked" in alerts.log. A firewall that cannot be
// changed (no privilege, no program) turns the blocking off with one line on stderr; the analysis goes on.
import { join } from 'node:path';
import type { FlowRecord } from '../flow';
import type { Alert } from '../evidence/types';
import type { OutputSink } from '../output/sink';
import { BlockingPolicy, iso, type BlockState, type PolicyAction } from './blockingPolicy';
import { BLOCKING_LOG, BlockingLog, actionLine, commandLine, failureLine } from './blockingLog';
import { chooseBackend, type FirewallBackend, type FirewallName } from './firewallBackend';
import {
  commandText,
  isPermissionError,
  runCommand,
  runCommandSync,
  type FirewallCommand,
} from './firewallCommand';
import { iptablesBackend } from './iptablesBackend';
import { nftablesBackend } from './nftablesBackend';
import { NeverBlock, defaultGateways, hostAddresses } from './neverBlock';

export interface BlockingOptions {
  /** Write the commands to blocking.log instead of running them. */
  dryRun: boolean;
  firewall: FirewallName | 'auto';
  quiet: boolean;
}

const BACKENDS = { nftables: nftablesBackend, iptables: iptablesBackend };

export class BlockingSink implements OutputSink {
  private readonly policy: BlockingPolicy;
  private queue: Promise<void> = Promise.resolve();
  /** Why blocking is off (the firewall could not be set up), or undefined while it works. */
  private off: string | undefined;
  private lastTs = -Infinity;
  /** Removes our rules if the process dies before close() (an exception; SIGKILL cannot be caught). */
  private readonly onExit = () => {
    for (const c of this.backend.teardown()) runCommandSync(c);
  };

  private constructor(
    private readonly log: BlockingLog,
    readonly backend: FirewallBackend,
    readonly neverBlock: NeverBlock,
    width: number,
    private readonly opts: BlockingOptions,
  ) {
    this.policy = new BlockingPolicy(width, (ip) => neverBlock.reason(ip));
  }

  /**
   * Chooses the firewall, removes what an earlier run may have left and sets up our table or chain.
   * Never throws: a firewall that cannot be used is reported and leaves the sink logging failures only.
   */
  static async start(outDir: string, width: number, opts: BlockingOptions): Promise<BlockingSink> {
    const log = new BlockingLog(join(outDir, BLOCKING_LOG));
    const never = new NeverBlock(hostAddresses(), defaultGateways());
    const chosen = chooseBackend(BACKENDS, opts.firewall);
    // A dry run needs no firewall program: it shows the nftables commands when none is installed.
    const backend = chosen ?? (opts.dryRun ? nftablesBackend : undefined);
    const sink = new BlockingSink(log, backend ?? nftablesBackend, never, width, opts);
    if (!backend) {
      const which = opts.firewall === 'auto' ? 'neither nft nor iptables' : opts.firewall;
      sink.turnOff(
        `${which} was found (install it: apt-get install ${opts.firewall === 'iptables' ? 'iptables' : 'nftables'})`,
      );
      return sink;
    }
    if (opts.dryRun) {
      for (const c of backend.setup()) log.write(commandLine(-Infinity, commandText(c)));
      return sink;
    }
    const cleared = await backend.clear();
    if (cleared.failure) {
      sink.turnOff(sink.whyFailed(cleared.failure));
      return sink;
    }
    for (const c of backend.setup()) {
      const r = await runCommand(c);
      if (!r.ok) {
        sink.turnOff(sink.whyFailed(r));
        await backend.clear();
        return sink;
      }
    }
    process.once('exit', sink.onExit);
    return sink;
  }

  /** Whether blocks are really applied (not off, not a dry run). */
  get active(): boolean {
    return this.off === undefined && !this.opts.dryRun;
  }

  /** The blocks in force, for status displays. */
  blocks(): BlockState[] {
    return this.policy.current();
  }

  /** Traffic time the blocks are measured against. */
  get trafficTime(): number {
    return this.policy.now;
  }

  records(batch: readonly FlowRecord[]): void {
    let ts = this.lastTs;
    for (const r of batch) if (r.ts > ts) ts = r.ts;
    if (ts <= this.lastTs) return;
    this.lastTs = ts;
    for (const a of this.policy.advance(ts)) this.apply(ts, a);
  }

  alert(a: Alert): void {
    const why =
      `alert in timewindow ${a.timewindow.number}, accumulated threat level ` +
      `${a.accumulatedThreatLevel.toFixed(2)}; last evidence: ${a.lastEvidence.description}`;
    const ts = Math.max(a.lastFlowTime, this.lastTs);
    const action = this.policy.alert(a.ip, a.timewindow, ts, why);
    if (action.kind !== 'skip' && this.active) a.blocked = true;
    this.apply(ts, action);
  }

  async close(): Promise<void> {
    for (const a of this.policy.releaseAll()) this.apply(this.policy.now, a);
    await this.queue;
    if (this.active) {
      process.off('exit', this.onExit);
      const r = await this.backend.clear();
      if (r.failure) this.fail(this.policy.now, 'clear', '', this.whyFailed(r.failure));
    }
    this.log.close();
  }

  private apply(ts: number, a: PolicyAction): void {
    this.log.write(actionLine(ts, a));
    if (a.kind === 'skip' || a.kind === 'keep') return;
    if (!this.opts.quiet && !this.opts.dryRun && this.off === undefined)
      process.stderr.write(
        a.kind === 'unblock'
          ? `slips: unblocked ${a.ip} (${a.reason})\n`
          : `slips: ${a.kind === 'block' ? 'blocked' : 'extended the block of'} ${a.ip} with ${this.backend.name} until ${iso(a.until)} traffic time\n`,
      );
    if (a.kind === 'extend') return;
    if (this.off !== undefined) {
      this.fail(ts, a.kind, a.ip, `blocking is off: ${this.off}`);
      return;
    }
    const commands = a.kind === 'block' ? this.backend.block(a.ip) : this.backend.unblock(a.ip);
    if (this.opts.dryRun) {
      for (const c of commands) this.log.write(commandLine(ts, commandText(c)));
      return;
    }
    this.queue = this.queue.then(() => this.runAll(ts, a.kind, a.ip, commands));
  }

  private async runAll(ts: number, what: string, ip: string, commands: FirewallCommand[]): Promise<void> {
    for (const c of commands) {
      const r = await runCommand(c);
      if (r.ok) continue;
      this.fail(ts, what, ip, this.whyFailed(r));
      if (!this.opts.quiet) process.stderr.write(`slips: could not ${what} ${ip}: ${r.error}\n`);
      return;
    }
  }

  private fail(ts: number, what: string, ip: string, why: string): void {
    this.log.write(failureLine(ts, what, ip, why));
  }

  private whyFailed(r: { error: string; missing: boolean }): string {
    if (isPermissionError({ ...r, ok: false, stdout: '' }))
      return `no permission to change the firewall (${r.error}); run slips as root or with CAP_NET_ADMIN`;
    return `${this.backend.name} failed: ${r.error}`;
  }

  private turnOff(why: string): void {
    this.off = why;
    this.log.write(failureLine(-Infinity, 'setup', '', why));
    // Printed even with -q: the user asked for blocking and does not get it.
    process.stderr.write(`slips: blocking is off: ${why}; the analysis goes on\n`);
  }
}
