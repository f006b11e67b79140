// A result → the bundle a notebook output holds: the payload under its own mime type (for renderers)
// and the markdown fallback (for everywhere else).
import { MIME, type OutputBundle, type Payload } from '../protocol';
import { markdown } from './markdown';

export function bundle(p: Payload): OutputBundle {
  return { [MIME[p.kind]]: p, [MIME.markdown]: markdown(p) } as OutputBundle;
}
