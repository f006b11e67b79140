// Columns → an Arrow table: typed arrays become Int32/Float64 vectors without a copy, text Utf8, flags
// Bool, lists List<Utf8> or List<Float64> (by their items). Times are Float64 epoch seconds, the
// unit every query uses; missing values are nulls.
import {
  Bool,
  Field,
  Float64,
  List,
  Table,
  Utf8,
  makeVector,
  vectorFromArray,
  type DataType,
  type Vector,
} from 'apache-arrow';
import type { Value } from '../../protocol';
import type { ExportColumn, ExportTable } from './exportColumns';

function listType(values: readonly Value[]): DataType {
  for (const v of values)
    if (Array.isArray(v) && v.length)
      return typeof v[0] === 'number'
        ? new List(new Field('item', new Float64(), true))
        : new List(new Field('item', new Utf8(), true));
  return new List(new Field('item', new Utf8(), true));
}

function vector(c: ExportColumn): Vector {
  if (c.values instanceof Float64Array || c.values instanceof Int32Array) return makeVector(c.values);
  const values = c.values as Value[];
  switch (c.type) {
    case 'bool':
      return vectorFromArray(values, new Bool());
    case 'list':
      return vectorFromArray(values, listType(values));
    case 'number':
    case 'time':
      return vectorFromArray(
        values.map((v) => (typeof v === 'number' ? v : null)),
        new Float64(),
      );
    default:
      return vectorFromArray(
        values.map((v) => (v === null ? null : String(v))),
        new Utf8(),
      );
  }
}

export function arrowTable(t: ExportTable): Table {
  return new Table(Object.fromEntries(t.columns.map((c) => [c.name, vector(c)])));
}
