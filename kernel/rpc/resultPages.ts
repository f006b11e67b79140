// The rest of a notebook's large results, kept so a renderer can page through them (`slips/page`)
// instead of the output carrying them all: an output holds the first MAX_ROWS rows, a total and an id.
// Only the last KEPT_RESULTS results of the current analysis are kept, so memory stays bounded; a page
// is built from the analysis when asked (a timeline entry, a table row), never stored as text.
import { ErrorCodes, ResponseError } from 'vscode-jsonrpc';
import type { Stage, Statement } from '../lang/ast';
import { parseCell } from '../lang/parser';
import type { SourceName } from '../lang/vocabulary';
import { MAX_PAGE, type PageResult, type Payload } from '../protocol';
import { viewSize, type View } from '../query/frame';
import { sourceFrame } from '../query/sources';
import { runStages } from '../query/stages';
import type { Loaded } from '../session/session';
import { tablePage } from '../views/tableView';
import { timelineIndex, timelinePage, type TimelineIndex } from '../views/timelineView';

/** Results a notebook keeps pages of; an older output says its rows are no longer kept. */
export const KEPT_RESULTS = 20;

interface Kept {
  loaded: Loaded;
  page(offset: number, limit: number): PageResult;
}

export class ResultPages {
  private readonly kept = new Map<string, Kept>();
  private next = 1;

  constructor(private readonly limit = KEPT_RESULTS) {}

  /**
   * Gives the cell's pageable payloads (tables and timelines with more rows than they carry) a result
   * id. Statements and payloads pair up in order (one result per statement, the first error stops the
   * cell); only results of the analysis in force after the cell are kept, older ones are dropped.
   */
  attach(text: string, before: Loaded | undefined, after: Loaded | undefined, payloads: Payload[]): void {
    for (const [id, k] of this.kept) if (k.loaded !== after) this.kept.delete(id);
    if (!after) return;
    let statements: Statement[];
    try {
      statements = parseCell(text).statements;
    } catch {
      return;
    }
    let loadsLeft = statements.filter((s) => s.kind === 'load' || s.kind === 'capture').length;
    let loaded = before;
    payloads.forEach((p, i) => {
      const s = statements[i];
      if (!s) return;
      if (s.kind === 'load' || s.kind === 'capture') {
        // Between two loads of one cell, a result belongs to an analysis that is already replaced.
        loaded = --loadsLeft === 0 ? after : undefined;
        return;
      }
      if (loaded !== after) return;
      if (p.kind === 'timeline' && s.kind === 'timeline' && p.total > p.rows.length)
        p.resultId = this.keep(after, timelineKept(after, p.ip, p.tw ?? undefined));
      else if (
        p.kind === 'table' &&
        s.kind === 'query' &&
        !s.output &&
        p.total > p.rows.length &&
        !endsInSort(s.stages)
      )
        p.resultId = this.keep(after, tableKept(after, s));
    });
  }

  /** One page of a kept result, or a ResponseError that says why there is none. */
  page(resultId: string, offset: number, limit: number): PageResult {
    const k = this.kept.get(resultId);
    if (!k)
      throw new ResponseError(
        ErrorCodes.InvalidParams,
        `result ${resultId} is no longer kept (a notebook keeps the last ${this.limit} large results of its current analysis): run the cell again`,
      );
    if (!Number.isInteger(offset) || offset < 0)
      throw new ResponseError(ErrorCodes.InvalidParams, `offset must be a whole number ≥ 0, not ${offset}`);
    if (!Number.isInteger(limit) || limit < 1)
      throw new ResponseError(ErrorCodes.InvalidParams, `limit must be a whole number ≥ 1, not ${limit}`);
    return k.page(offset, Math.min(limit, MAX_PAGE));
  }

  /** How many results are kept now (tests check the bound). */
  get size(): number {
    return this.kept.size;
  }

  private keep(loaded: Loaded, page: Kept['page']): string {
    const id = `r${this.next++}`;
    this.kept.set(id, { loaded, page: (o, l) => ({ ...page(o, l), resultId: id }) });
    // Map keeps insertion order: the first key is the oldest result.
    while (this.kept.size > this.limit) this.kept.delete(this.kept.keys().next().value!);
    return id;
  }
}

/** The timeline's order is found on the first page asked, then every page is a slice of it. */
function timelineKept(loaded: Loaded, ip: string, tw: number | undefined): Kept['page'] {
  let index: TimelineIndex | undefined;
  return (offset, limit) => {
    index ??= timelineIndex(loaded, ip, tw);
    const rows = timelinePage(loaded, index, offset, limit);
    return { kind: 'timeline', resultId: '', offset, total: index.rows.length, rows };
  };
}

/**
 * A final sort keeps only the rows an output shows (kernel/query/stages.ts orders them in a bounded
 * buffer), so such a result has no further rows to page through.
 */
function endsInSort(stages: readonly Stage[]): boolean {
  for (let i = stages.length - 1; i >= 0; i--) {
    const k = stages[i]!.kind;
    if (k === 'sort') return true;
    if (k !== 'limit' && k !== 'select') return false;
  }
  return false;
}

/** The query runs again on the first page asked (the analysis has not changed), then is sliced. */
function tableKept(loaded: Loaded, s: Extract<Statement, { kind: 'query' }>): Kept['page'] {
  let view: View | undefined;
  return (offset, limit) => {
    if (!view) {
      const outcome = runStages(
        { frame: sourceFrame(loaded, s.source.name as SourceName), rows: undefined },
        s.stages,
      );
      if (outcome.kind !== 'rows') throw new Error('a kept table query gave a count');
      view = outcome.view;
    }
    return {
      kind: 'table',
      resultId: '',
      offset,
      total: viewSize(view),
      rows: tablePage(view, offset, limit),
    };
  };
}
