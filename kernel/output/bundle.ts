// A result → the bundle a notebook output holds: the payload under its own mime type (for renderers)
// and the markdown fallback (for everywhere else). A chart carries its vega-lite spec and SVG instead.
import { MIME, type OutputBundle, type Payload } from '../protocol';
import { markdown } from './markdown';

export function bundle(p: Payload): OutputBundle {
  if (p.kind === 'chart') return { [MIME.chart]: p.spec, [MIME.svg]: p.svg, [MIME.markdown]: markdown(p) };
  return { [MIME[p.kind]]: p, [MIME.markdown]: markdown(p) } as OutputBundle;
}
