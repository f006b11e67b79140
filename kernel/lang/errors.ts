// Every problem with a cell — a lexing or parsing mistake, an unknown field, a value of the wrong
// type, an input that cannot be loaded — is one SlipsError: a sentence, and where in the cell it is.

/** A place in the cell: 1-based line and column, and the 0-based offset range it covers. */
export interface Pos {
  line: number;
  col: number;
  offset: number;
  end: number;
}

export class SlipsError extends Error {
  override name = 'SlipsError';
  constructor(
    message: string,
    readonly pos?: Pos,
  ) {
    super(message);
  }

  /** `2:15: expected …` when the error has a place, else the sentence alone. */
  describe(): string {
    return this.pos ? `${this.pos.line}:${this.pos.col}: ${this.message}` : this.message;
  }
}
