// What a threat-intelligence feed says about one indicator, and what kinds of indicator there are.
import type { ThreatLevel } from '../../evidence/types';

/** Shared by every indicator of one feed with the same description (most feeds repeat theirs). */
export interface IocMeta {
  description: string;
  /** The feed's file name, as upstream's `source`. */
  source: string;
  threatLevel: ThreatLevel;
  tags: string;
}

export type IocKind = 'ip' | 'range' | 'domain' | 'asn' | 'url' | 'ja3' | 'sslSha1' | 'jarm';

/** A feed line that could not be used: file, 1-based line and why. Never fatal. */
export interface TiProblem {
  file: string;
  line: number;
  reason: string;
}

/** Which classifier a feed's values go through: general IoC lists, or one hash kind. */
export type FeedKind = 'ioc' | 'ja3' | 'ssl' | 'jarm';
