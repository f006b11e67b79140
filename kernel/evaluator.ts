// Runs a cell: parse, then each statement in order against the session, each giving one typed result
// (a payload of kernel/protocol.ts). The first problem stops the cell with an error result that says
// where it is; results before it are kept. Bugs (anything that is not a user's mistake) are thrown.
import { dirname, isAbsolute, resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import type { Literal, LoadOptionNode, QueryOutput, Stage, Statement } from './lang/ast';
import { SlipsError } from './lang/errors';
import { parseCell } from './lang/parser';
import type { SourceName } from './lang/vocabulary';
import type { ErrorPayload, ExportPayload, Payload } from './protocol';
import { exportTable } from './output/export/exportColumns';
import { writeExport } from './output/export/writeExport';
import type { View } from './query/frame';
import { runStages } from './query/stages';
import { sourceFrame } from './query/sources';
import { SessionError, type LoadRequest, type Session } from './session/session';
import type { CaptureControl, CaptureRequest } from './session/capture';
import { blockingPayload, capturePayload } from './views/captureView';
import { chartPayload } from './views/chartView';
import { namedChart } from './views/charts/namedCharts';
import { queryChart } from './views/charts/queryChart';
import { detectPayload } from './views/detectView';
import { explainPayload, findEvidence } from './views/explainView';
import { lettersPayload } from './views/lettersView';
import { loadPayload } from './views/loadView';
import { profileOf } from './views/profileLookup';
import { profilePayload } from './views/profileView';
import { tablePayload } from './views/tableView';
import { timelinePayload } from './views/timelineView';

/** What a run may do besides reading: progress, interrupt, trust, and consent to blocking. */
export interface CellControl extends CaptureControl {
  /** The editor asked the user (a modal dialog) and they agreed that `capture … block` may change the firewall. */
  blockingConfirmed?: boolean;
}

export async function runCell(session: Session, text: string, control: CellControl = {}): Promise<Payload[]> {
  const out: Payload[] = [];
  let statements: Statement[];
  try {
    statements = parseCell(text).statements;
  } catch (err) {
    return [errorPayload(err, undefined)];
  }
  for (const s of statements) {
    try {
      out.push(await runStatement(session, s, control));
    } catch (err) {
      out.push(errorPayload(err, s));
      break;
    }
  }
  return out;
}

export async function runStatement(
  session: Session,
  s: Statement,
  control: CellControl = {},
): Promise<Payload> {
  switch (s.kind) {
    case 'load':
      return loadPayload(await session.load(loadRequest(s), control));
    case 'capture':
      return capturePayload(await session.capture(captureRequest(s, control), control));
    case 'blocking':
      return blockingPayload(session.require());
    case 'query': {
      const outcome = runStages(
        { frame: sourceFrame(session.require(), s.source.name as SourceName), rows: undefined },
        s.stages,
      );
      if (outcome.kind === 'count') {
        if (s.output)
          throw new SlipsError(
            `count without by gives one number, so there is nothing to ${s.output.kind}: use count by FIELD`,
            s.output.pos,
          );
        return { kind: 'scalar', title: outcome.title, label: 'count', value: outcome.value };
      }
      if (s.output?.kind === 'chart') return chartPayload(queryChart(outcome.view, s.output));
      if (s.output?.kind === 'export') return exportPayload(session, outcome.view, s.stages, s.output);
      return tablePayload(outcome.view);
    }
    case 'chart':
      return chartPayload(namedChart(session.require(), s.form));
    case 'detect':
      return detectPayload(session.require(), s, control);
    case 'profile': {
      const loaded = session.require();
      return profilePayload(loaded, profileOf(loaded, s.ip));
    }
    case 'timeline': {
      const loaded = session.require();
      return timelinePayload(loaded, profileOf(loaded, s.ip).ip, s.tw);
    }
    case 'letters': {
      const loaded = session.require();
      return lettersPayload(loaded, profileOf(loaded, s.ip).ip, s.tw);
    }
    case 'explain': {
      const loaded = session.require();
      return explainPayload(loaded, findEvidence(loaded, s.id));
    }
  }
}

/** Every field of the rows, unless a `select` chose some (then those, as a table would show them). */
async function exportPayload(
  session: Session,
  view: View,
  stages: readonly Stage[],
  out: Extract<QueryOutput, { kind: 'export' }>,
): Promise<ExportPayload> {
  const selected = stages.some((st) => st.kind === 'select');
  const names = selected ? [...view.frame.shown] : view.frame.columns.map((c) => c.name);
  const path = isAbsolute(out.path) ? out.path : resolve(session.baseDir, out.path);
  const folder = await stat(dirname(path)).catch(() => undefined);
  if (!folder?.isDirectory())
    throw new SlipsError(
      `the folder ${dirname(path)} does not exist: create it or export elsewhere`,
      out.pathPos,
    );
  const table = exportTable(view, names);
  let bytes: number;
  try {
    bytes = await writeExport(table, out.format, path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === undefined) throw err;
    throw new SlipsError(`cannot write ${path} (${code}): ${(err as Error).message}`, out.pathPos);
  }
  return { kind: 'export', format: out.format, path, rows: table.rows, columns: names, bytes };
}

function loadRequest(s: Extract<Statement, { kind: 'load' }>): LoadRequest {
  const req: LoadRequest = { path: s.path };
  const seen = new Set<string>();
  for (const o of s.options) {
    if (seen.has(o.name.name)) throw new SlipsError(`${o.name.name} is given twice`, o.name.pos);
    seen.add(o.name.name);
    switch (o.name.name) {
      case 'width':
        req.width = width(single(o));
        break;
      case 'direction': {
        const v = single(o);
        if (v.kind !== 'string' || (v.value !== 'out' && v.value !== 'all'))
          throw new SlipsError(
            'direction is out (profiles of source addresses) or all (destinations too)',
            v.pos,
          );
        req.direction = v.value;
        break;
      }
      case 'config':
        req.config = text(single(o));
        break;
      case 'disable':
        req.disable = o.values.map(text);
        break;
    }
  }
  return req;
}

function captureRequest(s: Extract<Statement, { kind: 'capture' }>, control: CellControl): CaptureRequest {
  // The load options mean the same after capture; the interface stands where the path would.
  const { path, ...options } = loadRequest({
    kind: 'load',
    path: s.iface.name,
    pathPos: s.iface.pos,
    options: s.options,
    pos: s.pos,
  });
  const req: CaptureRequest = { ...options, iface: path };
  if (s.filter) req.filter = s.filter.value;
  if (s.duration?.kind === 'duration' || s.duration?.kind === 'number') req.duration = s.duration.value;
  if (s.block?.mode === 'dry-run') req.block = 'dry-run';
  else if (s.block) {
    if (s.block.mode === 'ask' && control.blockingConfirmed !== true)
      throw new SlipsError(
        "block changes this machine's firewall and was not confirmed: accept the editor's dialog, write `block confirm`, or `block dry-run` to only log the commands",
        s.block.pos,
      );
    req.block = 'firewall';
  }
  return req;
}

function single(o: LoadOptionNode): Literal {
  if (o.values.length > 1) throw new SlipsError(`${o.name.name} takes one value`, o.values[1]!.pos);
  return o.values[0]!;
}

function width(v: Literal): number | 'only_one_tw' {
  if ((v.kind === 'number' || v.kind === 'duration') && v.value > 0) return v.value;
  if (v.kind === 'string' && v.value === 'only_one_tw') return 'only_one_tw';
  throw new SlipsError('width is a positive number of seconds, a duration like 1h, or only_one_tw', v.pos);
}

function text(v: Literal): string {
  return v.kind === 'number' || v.kind === 'duration' ? v.text : String(v.value);
}

/** Where a session problem points: the path or the option it is about, else the statement. */
function errorPayload(err: unknown, s: Statement | undefined): ErrorPayload {
  if (err instanceof SlipsError)
    return { kind: 'error', message: err.message, line: err.pos?.line ?? null, col: err.pos?.col ?? null };
  if (err instanceof SessionError) {
    let pos = s?.pos;
    if (s?.kind === 'load' && err.option === 'path') pos = s.pathPos;
    else if (s?.kind === 'capture' && err.option === 'path') pos = s.iface.pos;
    else if ((s?.kind === 'load' || s?.kind === 'capture') && err.option)
      pos = s.options.find((o) => o.name.name === err.option)?.values[0]?.pos ?? pos;
    return { kind: 'error', message: err.message, line: pos?.line ?? null, col: pos?.col ?? null };
  }
  throw err;
}
