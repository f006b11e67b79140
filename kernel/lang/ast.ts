// The cell language's syntax tree: statements, pipeline stages, conditions and values, each a
// discriminated union on `kind`, each node carrying where it stands so later checks (unknown field,
// wrong type) can point at it.
import type { Pos } from './errors';

export interface Name {
  name: string;
  pos: Pos;
}

export type Literal =
  | { kind: 'number'; value: number; text: string; pos: Pos }
  /** Seconds, from `500ms`, `30s`, `5m`, `2h`, `1d`. */
  | { kind: 'duration'; value: number; text: string; pos: Pos }
  | { kind: 'string'; value: string; pos: Pos }
  | { kind: 'ip'; value: string; pos: Pos }
  | { kind: 'cidr'; value: string; pos: Pos }
  | { kind: 'bool'; value: boolean; pos: Pos };

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

export type Expr =
  | { kind: 'and'; left: Expr; right: Expr }
  | { kind: 'or'; left: Expr; right: Expr }
  | { kind: 'not'; expr: Expr; pos: Pos }
  | { kind: 'compare'; field: Name; op: CompareOp; value: Literal }
  /** `field in 10.0.0.0/8` or `field in [a, b, c]`. */
  | { kind: 'in'; field: Name; values: Literal[]; pos: Pos }
  | { kind: 'contains'; field: Name; value: Literal }
  | { kind: 'matches'; field: Name; source: string; flags: string; pos: Pos };

export interface SortKey {
  field: Name;
  descending: boolean;
}

export type Stage =
  | { kind: 'where'; expr: Expr; pos: Pos }
  | { kind: 'count'; by: Name[]; pos: Pos }
  | { kind: 'sort'; keys: SortKey[]; pos: Pos }
  | { kind: 'top'; n: number; by: Name | undefined; pos: Pos }
  | { kind: 'limit'; n: number; pos: Pos }
  | { kind: 'select'; fields: Name[]; pos: Pos };

export interface LoadOptionNode {
  name: Name;
  /** One value, or several for list options (`disable=a,b`). */
  values: Literal[];
}

/** `name=value[,value…]` after a command (load options, detect parameters). */
export type OptionNode = LoadOptionNode;

/** The named charts: `chart flows over time …`, `chart bytes by …`, `chart destinations of …`, `chart evidence over windows …`. */
export type ChartForm =
  /** `interval` is the bin width in seconds when given (`by 5m`); `ip` limits to flows from or to it. */
  | { kind: 'flowsOverTime'; interval: Literal | undefined; ip: Literal | undefined }
  | { kind: 'bytesBy'; field: Name; top: number | undefined }
  | { kind: 'destinations'; ip: Literal; top: number | undefined }
  | { kind: 'evidenceOverWindows'; ip: Literal | undefined };

export type ChartMark = 'bar' | 'line';
export type ExportFormat = 'arrow' | 'csv' | 'parquet';

/** What ends a query instead of a table: a chart of its rows, or a file of them. */
export type QueryOutput =
  | { kind: 'chart'; mark: ChartMark; x: Name; y: Name; pos: Pos }
  | { kind: 'export'; format: ExportFormat; path: string; pathPos: Pos; pos: Pos };

/**
 * `block` after `capture`: `ask` (bare `block`) needs the editor's confirmation dialog, `confirm` is the
 * user's written consent, `dry-run` only logs the firewall commands.
 */
export interface CaptureBlockNode {
  mode: 'ask' | 'confirm' | 'dry-run';
  pos: Pos;
}

export type Statement =
  | { kind: 'load'; path: string; pathPos: Pos; options: LoadOptionNode[]; pos: Pos }
  /** `capture IFACE [filter "BPF"] [for DURATION] [block [confirm|dry-run]] [load options]`. */
  | {
      kind: 'capture';
      iface: Name;
      filter: { value: string; pos: Pos } | undefined;
      /** Seconds, from `for 30s`. */
      duration: Literal | undefined;
      block: CaptureBlockNode | undefined;
      options: LoadOptionNode[];
      pos: Pos;
    }
  /** The blocks of the last `capture … block` and its blocking log. */
  | { kind: 'blocking'; pos: Pos }
  | { kind: 'query'; source: Name; stages: Stage[]; output: QueryOutput | undefined; pos: Pos }
  | { kind: 'chart'; form: ChartForm; pos: Pos }
  /** Re-runs one detection family over the loaded records with other parameters. */
  | { kind: 'detect'; family: Name; params: OptionNode[]; ip: Literal | undefined; pos: Pos }
  | { kind: 'profile'; ip: Literal; pos: Pos }
  | { kind: 'timeline'; ip: Literal; tw: number | undefined; pos: Pos }
  | { kind: 'letters'; ip: Literal; tw: number | undefined; pos: Pos }
  | { kind: 'explain'; id: Name; pos: Pos };

export interface Cell {
  statements: Statement[];
}
