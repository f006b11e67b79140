// The notebook renderer (bundled for the browser into extension/dist/renderer.js): slips payloads as DOM
// built with textContent, and vega-lite charts through vega-embed, drawn as SVG.
import type { ActivationFunction } from 'vscode-notebook-renderer';
import embed from 'vega-embed';
import { MIME, type Payload } from '../../kernel/protocol';
import { el } from './dom';
import { STYLE } from './style';
import { pageFetcher } from './paging';
import { view } from './views';

function root(element: HTMLElement): HTMLElement {
  const style = document.createElement('style');
  style.textContent = STYLE;
  const out = el('div', 'slips-out');
  element.replaceChildren(style, out);
  return out;
}

export const activate: ActivationFunction = (context) => {
  const fetch = pageFetcher(context);
  return {
    async renderOutputItem(item, element) {
      const out = root(element);
      if (item.mime === MIME.chart) {
        const box = el('div', 'slips-vega');
        out.append(box);
        // vega draws labels as SVG text nodes, so traffic strings in a chart stay text too.
        await embed(box, item.json(), { renderer: 'svg', actions: false });
        box.setAttribute('data-rendered', 'yes');
        return;
      }
      out.append(view(item.json() as Payload, fetch));
    },
    disposeOutputItem() {
      // Outputs hold no timers or listeners beyond their own DOM, which VS Code removes.
    },
  };
};
