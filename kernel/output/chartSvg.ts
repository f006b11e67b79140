// A vega-lite spec → SVG, drawn headless in the kernel by vega (no canvas, no DOM), so a saved notebook
// shows its charts in any viewer. vega and vega-lite are ESM-only and large: they are imported on the
// first chart, not when the kernel starts. vega writes every text as an escaped SVG text node, so a
// host name or URI in a label stays text. Times are drawn on UTC scales by the spec builder, so the
// same spec gives the same bytes on every machine.
import type { VegaLiteSpec } from '../protocol';

type Vega = typeof import('vega');
type VegaLite = typeof import('vega-lite');

let libraries: Promise<[Vega, VegaLite]> | undefined;

function load(): Promise<[Vega, VegaLite]> {
  libraries ??= Promise.all([import('vega'), import('vega-lite')]);
  return libraries;
}

/** vega-lite's warnings are about our own specs (tests catch them); the kernel's stdio carries its protocol. */
const quiet = {
  level: () => quiet,
  error: () => quiet,
  warn: () => quiet,
  info: () => quiet,
  debug: () => quiet,
};

export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const [vega, vl] = await load();
  const compiled = vl.compile(spec as unknown as Parameters<VegaLite['compile']>[0], {
    logger: quiet as unknown as NonNullable<Parameters<VegaLite['compile']>[1]>['logger'],
  }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
