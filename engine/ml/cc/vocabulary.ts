// Upstream's 50-symbol letter vocabulary (slips-behaviour.md 4.1.4 / 4.2.4), index = position:
// a–i (strong periodic), A–I (weak periodic), r–z (weak non-periodic), R–Z (strong non-periodic),
// 1–9 (no periodicity data), then the zero prefix `0` and the time characters `, . + *`.
//
// Upstream pads with `0` (index 45) and masks the value 0, which is the letter `a` (quirk Q9): the
// padding was never masked and every `a` was. Our model takes one-hot vectors and pads with the zero
// vector, so the mask hides exactly the padding and `a` (one-hot at position 0) is seen like any other.
export const VOCABULARY = 'abcdefghiABCDEFGHIrstuvwxyzRSTUVWXYZ1234567890,.+*';
export const VOCABULARY_SIZE = VOCABULARY.length;
/** Upstream scores the first 500 symbols of a tuple. */
export const MAX_SYMBOLS = 500;

const INDEX = new Map<string, number>([...VOCABULARY].map((c, i) => [c, i]));

export interface Encoded {
  /** Vocabulary indices of the first MAX_SYMBOLS known symbols. */
  ids: number[];
  /** Symbols outside the vocabulary, skipped. */
  unknown: number;
}

/** Indices of a letter string; unknown symbols are skipped and counted, never fatal. */
export function encodeLetters(letters: string, max = MAX_SYMBOLS): Encoded {
  const ids: number[] = [];
  let unknown = 0;
  for (let i = 0; i < letters.length && ids.length < max; i++) {
    const k = INDEX.get(letters[i]!);
    if (k === undefined) unknown++;
    else ids.push(k);
  }
  return { ids, unknown };
}

export function symbolIndex(c: string): number | undefined {
  return INDEX.get(c);
}
