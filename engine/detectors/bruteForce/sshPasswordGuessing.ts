// SSH password guessing (slips-behaviour.md 4.2.9, brute_force_detector): failed logins from one source
// to one SSH server (destination IP and port) within a time window form a campaign. Each ssh.log session
// adds its `auth_attempts`; a session Zeek could not judge (no attempts, no verdict) counts as one
// attempt, since brute-force tools open a session per password; a successful session adds nothing.
// Evidence PASSWORD_GUESSING (medium) once the campaign reaches `bruteForce.sshAttemptThreshold` (9)
// attempts, then again each time int(log2(attempts − 9 + 1)) grows: at 9, 10, 12, 16, 24, 40... attempts.
// Confidence 0.5 + 0.4·min(1, (attempts − 9)/(30 − 9)) plus the client-banner bonus (sshBanner.ts), at
// most 0.99, rounded to 2 places; 1.0 from 30 attempts or when Zeek's own `SSH::Password_Guessing` notice
// counted that many connections. The notice itself gives one evidence per source and window, confidence 1.
import type { FlowRecord, NoticeRecord, SshRecord } from '../../flow';
import { isValidIp } from '../../net/ip';
import type { TimeWindow } from '../../profiler/types';
import type { Detector, DetectorContext } from '../detector';
import { ipParty } from '../makeEvidence';
import { ownString } from '../../ownString';
import { makeEvidence } from '../makeEvidence';
import { log2Bucket, pyFloat } from '../networkDiscovery/numbers';
import { PerWindow } from '../networkDiscovery/perWindow';
import { shippedServiceNames, type ServiceNames } from '../../data/services';
import { bannerBonus, clientBanner, type BannerSource } from './sshBanner';

/** Upstream `ssh_full_confidence_attempts`: attempts that make the evidence certain. */
const FULL_CONFIDENCE_ATTEMPTS = 30;
const BASE_CONFIDENCE = 0.5;
const ATTEMPTS_CONFIDENCE = 0.4;
const MAX_HEURISTIC_CONFIDENCE = 0.99;
/** Upstream's default `ssh_attempt_threshold`, used when the configured one is not a positive number. */
const DEFAULT_THRESHOLD = 9;
/** Hosts whose SSH client banner is remembered; beyond this, new hosts are not. */
const MAX_BANNERS = 100_000;
/** Campaign uids kept (evidence lists at most 100 anyway). */
const MAX_UIDS = 100;
/** A single ssh.log line claiming more attempts than this is taken as this many. */
const MAX_ATTEMPTS_PER_SESSION = 1_000_000;

interface Campaign {
  daddr: string;
  dport: number;
  attempts: number;
  lastTs: number;
  uids: string[];
  reportedBucket: number;
}

interface ZeekConfirmation {
  attempts: number;
  reported: boolean;
}

interface WindowState {
  /** `<daddr>|<dport>` → campaign. */
  campaigns: Map<string, Campaign>;
  zeek: ZeekConfirmation | undefined;
}

export class SshPasswordGuessing implements Detector {
  readonly name = 'brute_force_detector';
  private readonly threshold: number;
  private readonly windows = new PerWindow<WindowState>(() => ({ campaigns: new Map(), zeek: undefined }));
  /** Source IP → its SSH client banner from software.log (the latest seen). */
  private readonly banners = new Map<string, string>();

  constructor(
    sshAttemptThreshold: number,
    private readonly services: ServiceNames = shippedServiceNames(),
  ) {
    this.threshold =
      Number.isFinite(sshAttemptThreshold) && sshAttemptThreshold >= 1
        ? Math.floor(sshAttemptThreshold)
        : DEFAULT_THRESHOLD;
  }

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (ctx.role !== 'Client') return;
    switch (rec.kind) {
      case 'ssh':
        this.session(rec, ctx);
        break;
      case 'software':
        if (rec.software === 'SSH::CLIENT' && isValidIp(rec.saddr)) {
          const banner = clientBanner(rec.softwareName, rec.unparsedVersion);
          if (banner && (this.banners.has(rec.saddr) || this.banners.size < MAX_BANNERS))
            this.banners.set(ownString(rec.saddr), ownString(banner));
        }
        break;
      case 'notice':
        if (rec.note.includes('Password_Guessing') && isValidIp(rec.saddr)) this.notice(rec, ctx);
        break;
      default:
        break;
    }
  }

  onWindowClosed(tw: TimeWindow): void {
    this.windows.drop(tw);
  }

  private session(rec: SshRecord, ctx: DetectorContext): void {
    const added = attemptsOf(rec);
    if (added <= 0 || !rec.daddr || !isValidIp(rec.saddr)) return;
    const { campaigns } = this.windows.of(ctx.tw);
    const key = `${rec.daddr}|${rec.dport}`;
    let c = campaigns.get(key);
    if (!c) {
      c = { daddr: rec.daddr, dport: rec.dport, attempts: 0, lastTs: rec.ts, uids: [], reportedBucket: -1 };
      campaigns.set(key, c);
    }
    c.attempts += added;
    c.lastTs = rec.ts;
    if (rec.uid && c.uids.length < MAX_UIDS) c.uids.push(rec.uid);
    if (c.attempts < this.threshold) return;
    const bucket = log2Bucket(c.attempts - this.threshold + 1);
    if (bucket <= c.reportedBucket) return;
    c.reportedBucket = bucket;
    this.campaignEvidence(c, rec, ctx);
  }

  private campaignEvidence(c: Campaign, rec: SshRecord, ctx: DetectorContext): void {
    const saddr = ctx.tw.profileIp;
    let banner = this.banners.get(saddr) ?? '';
    let source: BannerSource = banner ? 'software.log' : '';
    if (!banner && rec.client) {
      banner = rec.client;
      source = 'ssh.log';
    }
    const zeek = this.windows.get(ctx.tw)?.zeek;
    const confidence = this.confidence(c.attempts, banner, source, zeek?.attempts ?? 0);
    const service = c.dport > 0 ? (this.services.name(c.dport, 'tcp') ?? '') : '';
    const portLabel = c.dport > 0 ? `${service} ${c.dport}/tcp`.trim() : '';
    const destination = portLabel ? `${c.daddr} on ${portLabel}` : c.daddr;
    let description = `SSH brute force detector from ${saddr} to ${destination}. Attempts observed: ${c.attempts}.`;
    if (banner) description += ` Client banner: ${banner} from ${source}.`;
    if (zeek) description += ' Confirmed by Zeek notice.log.';
    description += ` Confidence: ${pyFloat(confidence)}. by Slips`;
    ctx.emit(
      makeEvidence({
        type: 'PASSWORD_GUESSING',
        description,
        attacker: ipParty(saddr, 'SRC'),
        victim: isValidIp(c.daddr) ? ipParty(c.daddr, 'DST') : undefined,
        threatLevel: 'medium',
        confidence,
        tw: ctx.tw,
        uids: c.uids,
        timestamp: c.lastTs,
        proto: 'tcp',
        dstPort: c.dport > 0 ? c.dport : undefined,
        module: this.name,
        facts: {
          attempts: c.attempts,
          threshold: this.threshold,
          log2Bucket: c.reportedBucket,
          bannerSource: source || 'none',
          zeekConfirmedAttempts: zeek?.attempts ?? 0,
        },
      }),
    );
  }

  private confidence(attempts: number, banner: string, source: BannerSource, confirmed: number): number {
    const effective = Math.max(attempts, confirmed);
    const full = Math.max(this.threshold, FULL_CONFIDENCE_ATTEMPTS);
    if (effective >= full) return 1;
    const ratio = Math.min(1, Math.max(0, effective - this.threshold) / Math.max(1, full - this.threshold));
    const c = BASE_CONFIDENCE + ATTEMPTS_CONFIDENCE * ratio + bannerBonus(banner, source);
    return Math.round(Math.min(MAX_HEURISTIC_CONFIDENCE, c) * 100) / 100;
  }

  private notice(rec: NoticeRecord, ctx: DetectorContext): void {
    const w = this.windows.of(ctx.tw);
    // "222.186.30.112 appears to be guessing SSH passwords (seen in 30 connections)."
    const m = /seen in (\d+) connections/.exec(rec.msg);
    const attempts = m ? Number(m[1]) : 0;
    w.zeek ??= { attempts: 0, reported: false };
    if (attempts > w.zeek.attempts) w.zeek.attempts = attempts;
    if (w.zeek.reported) return;
    w.zeek.reported = true;
    ctx.emit(
      makeEvidence({
        type: 'PASSWORD_GUESSING',
        description: `SSH brute force detector. ${rec.msg}. Confirmed by Zeek notice.log. Confidence: 1.0. by Zeek`,
        attacker: ipParty(ctx.tw.profileIp, 'SRC'),
        threatLevel: 'medium',
        confidence: 1,
        tw: ctx.tw,
        uids: [rec.uid],
        timestamp: rec.ts,
        module: this.name,
        facts: { zeekConnections: attempts },
      }),
    );
  }
}

/** Failed attempts one ssh.log session adds (upstream `_parse_attempt_increment`). */
function attemptsOf(rec: SshRecord): number {
  if (rec.authSuccess === true) return 0;
  const n = rec.authAttempts;
  if (!(n > 0)) return 1;
  return Math.min(MAX_ATTEMPTS_PER_SESSION, Math.floor(n));
}
