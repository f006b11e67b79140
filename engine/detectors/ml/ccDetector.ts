// C&C channel detection from behavioural letters (slips-behaviour.md 4.2.4) with our sequence model.
// A TCP tuple is scored when its letters grew from an established connection (the interpreted state,
// not upstream's raw-string test: quirk Q10). Scoring is batched: tuples are marked as they grow and
// scored once a profile's window gathered `batchLetters` new letters, and at window close. Each tuple
// keeps its GRU state, so only new letters are run; and since the state is a pure function of the
// letters, states are also remembered by letter string: on the 1M-flow bench 47,642 tuples were first
// scored with only 591 distinct strings, so the model ran ~6,400 symbols instead of ~300,000.
import type { FlowRecord } from '../../flow';
import { windowTuples } from '../../profiler/windowBehaviour';
import type { TimeWindow, Tuple } from '../../profiler/types';
import type { Detector, DetectorContext } from '../detector';
import { ipParty, makeEvidence } from '../makeEvidence';
import { encodeLetters, MAX_SYMBOLS } from '../../ml/cc/vocabulary';
import type { GruScorer } from '../../ml/cc/gruForward';

export const CC_MODULE = 'rnn_cc_detection';

/** Upstream looks at a tuple once it has 3 letters (new_letters is published every 3). */
const MIN_SYMBOLS = 3;
/** Confidence reaches 1 at 100 letters (upstream `min(1, len/100)`). */
const FULL_CONFIDENCE_SYMBOLS = 100;
/** Letters shown in the description; the rest is elided. */
const SHOWN_LETTERS = 100;
/** Remembered states: strings longer than this are rare and unlikely to repeat; the memo restarts when full. */
const MEMO_KEY_CHARS = 1000;
const MEMO_ENTRIES = 50_000;

interface RunState {
  h: Float32Array;
  symbols: number;
  unknown: number;
}

interface TupleState extends RunState {
  /** Characters of the letter string already run (`symbols` counts the symbols among them). */
  chars: number;
  reported: boolean;
}

interface Pending {
  /** Tuples that grew since they were last scored → their last established flow. */
  dirty: Map<string, { ts: number; daddr: string; dport: number }>;
  letters: number;
  states: Map<string, TupleState>;
}

export class CcSequenceDetector implements Detector {
  readonly name = CC_MODULE;
  private readonly windows = new Map<TimeWindow, Pending>();
  /** Letter string → the GRU state after running it. */
  private readonly memo = new Map<string, RunState>();
  /** Symbols outside the vocabulary met so far (bad input is skipped, never fatal). */
  unknownSymbols = 0;

  constructor(
    private readonly scorer: GruScorer,
    private readonly threshold: number,
    private readonly batchLetters: number,
  ) {}

  onRecord(rec: FlowRecord, ctx: DetectorContext): void {
    if (rec.kind !== 'conn' || rec.proto !== 'tcp' || ctx.role !== 'Client' || ctx.state !== 'Established')
      return;
    let p = this.windows.get(ctx.tw);
    if (!p) this.windows.set(ctx.tw, (p = { dirty: new Map(), letters: 0, states: new Map() }));
    p.dirty.set(`${rec.daddr}-${rec.dport}-${rec.proto}`, { ts: rec.ts, daddr: rec.daddr, dport: rec.dport });
    if (++p.letters >= this.batchLetters) this.scoreWindow(ctx.tw, p, ctx.emit);
  }

  onWindowClosed(tw: TimeWindow, ctx: Omit<DetectorContext, 'role' | 'state'>): void {
    const p = this.windows.get(tw);
    if (!p) return;
    this.scoreWindow(tw, p, ctx.emit);
    this.windows.delete(tw);
  }

  private scoreWindow(tw: TimeWindow, p: Pending, emit: DetectorContext['emit']): void {
    p.letters = 0;
    if (!p.dirty.size) return;
    const tuples = windowTuples(tw)?.outTuples;
    for (const [key, last] of p.dirty) {
      const t = tuples?.get(key);
      // A tuple too short to judge is left for later, before any GRU work: most tuples never grow
      // (one connection to a server), and running the model on them was most of this detector's cost.
      if (!t || t.letters.length < MIN_SYMBOLS) continue;
      let s = p.states.get(key);
      if (!s)
        p.states.set(
          key,
          (s = { h: this.scorer.initialState(), chars: 0, symbols: 0, unknown: 0, reported: false }),
        );
      if (s.symbols < MAX_SYMBOLS && t.letters.length > s.chars) this.run(s, t.letters);
      if (s.reported || s.symbols < MIN_SYMBOLS) continue;
      const score = this.scorer.output(s.h);
      if (score > this.threshold) {
        s.reported = true;
        for (const e of this.evidence(tw, t, last, score, s.symbols)) emit(e);
      }
    }
    p.dirty.clear();
  }

  /** Brings a tuple's state up to `letters` (which extends what it ran), from the memo when it can. */
  private run(s: TupleState, letters: string): void {
    const known = letters.length <= MEMO_KEY_CHARS ? this.memo.get(letters) : undefined;
    const before = s.unknown;
    if (known) {
      s.h.set(known.h);
      s.symbols = known.symbols;
      s.unknown = known.unknown;
    } else {
      const enc = encodeLetters(letters.slice(s.chars), MAX_SYMBOLS - s.symbols);
      this.scorer.advance(s.h, enc.ids);
      s.symbols += enc.ids.length;
      s.unknown += enc.unknown;
      if (letters.length <= MEMO_KEY_CHARS) {
        if (this.memo.size >= MEMO_ENTRIES) this.memo.clear();
        this.memo.set(letters, { h: s.h.slice(), symbols: s.symbols, unknown: s.unknown });
      }
    }
    s.chars = letters.length;
    this.unknownSymbols += s.unknown - before;
  }

  private evidence(
    tw: TimeWindow,
    t: Tuple,
    last: { ts: number; daddr: string; dport: number },
    score: number,
    symbols: number,
  ) {
    const src = tw.profileIp;
    const shown = t.letters.length > SHOWN_LETTERS ? `${t.letters.slice(0, SHOWN_LETTERS)}…` : t.letters;
    const description =
      `C&C channel, client IP: ${src} server IP: ${last.daddr} port: ${last.dport}/tcp ` +
      `score: ${score.toFixed(4)}. Letters: ${shown}`;
    const common = {
      type: 'COMMAND_AND_CONTROL_CHANNEL' as const,
      description,
      threatLevel: 'high' as const,
      confidence: Math.min(1, symbols / FULL_CONFIDENCE_SYMBOLS),
      tw,
      uids: t.uids,
      timestamp: last.ts,
      proto: 'tcp',
      dstPort: last.dport,
      method: 'AI' as const,
      module: CC_MODULE,
      facts: {
        score: Math.round(score * 1e4) / 1e4,
        threshold: this.threshold,
        letters: t.letters.length,
        symbols_scored: symbols,
      },
    };
    // Upstream links two evidence: the client and the server of the channel, each as attacker.
    const client = makeEvidence({
      ...common,
      attacker: ipParty(src, 'SRC'),
      victim: ipParty(last.daddr, 'DST'),
      relIds: [],
    });
    const server = makeEvidence({
      ...common,
      attacker: ipParty(last.daddr, 'DST'),
      victim: ipParty(src, 'SRC'),
      relIds: [client.id],
    });
    client.relIds.push(server.id);
    return [client, server];
  }
}
