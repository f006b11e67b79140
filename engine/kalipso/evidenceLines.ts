// Evidence as Kalipso lists it (8.1): the type in bold green, then [confidence, threat level, description].
import type { Evidence } from '../evidence/types';
import type { ListModel } from './virtualList';
import type { Line } from './text';

export function evidenceLine(e: Evidence, withWindow: boolean): Line {
  const line: Line = [
    { text: e.evidenceType, style: 'evidenceType' },
    { text: ` [${e.confidence}, ${e.threatLevel}, ` },
    { text: e.description },
    { text: ']' },
  ];
  return withWindow ? [{ text: `TW ${e.timewindow.number} ` }, ...line] : line;
}

export function evidenceModel(list: readonly Evidence[], withWindow: boolean, empty: string): ListModel {
  return { count: () => list.length, line: (i) => evidenceLine(list[i]!, withWindow), empty };
}
