// Drives code-server's workbench in Debian chromium: opens each E2E notebook with Quick Open, runs all its
// cells from the notebook toolbar, and reads the rendered outputs inside the notebook webview (served from
// code-server's own origin, so its frames are readable). VS Code only renders the outputs of cells near
// the viewport, so the probes scroll the notebook until they find what they look for.
// Usage: node uiTest.mjs PORT WORKSPACE ARTIFACTS_DIR. Exit 0 only when every check passed.
import { launchChromium } from './chromium.mjs';
import path from 'node:path';

const [port, folder, artifacts] = process.argv.slice(2);
/** How long one probe may look (scrolling as it goes) before its check fails. */
const PROBE_MS = 20_000;
const PAYLOAD_SCRIPT = '<script>window.__slipsInjected=1</script>';
const PAYLOAD_IMG = '<img src=x onerror="window.__slipsInjected=1">';

const t0 = Date.now();
const lap = (m) => console.log(`[ui ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1400, height: 1400 } });
const failures = [];
const check = (ok, what) => {
  lap(`${ok ? 'ok' : 'FAILED'}: ${what}`);
  if (!ok) failures.push(what);
};

async function quickOpen(file) {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(file);
  // File search is asynchronous: Enter before the row shows does nothing.
  await page.waitForSelector(`.quick-input-list .monaco-list-row:has-text("${file}")`, { timeout: 30_000 });
  await page.keyboard.press('Enter');
}

/** The visible notebook editor whose tab is `file`. */
async function openAndRun(file) {
  await quickOpen(file);
  await page.waitForSelector(`.tab.active[aria-label*="${file}"]`, { timeout: 30_000 });
  const editor = page.locator('.notebook-editor:visible');
  await editor.locator('.cell-list-container .code-cell-row').first().waitFor({ timeout: 30_000 });
  // The toolbar's Run All button of this editor: no keyboard focus games with the webview.
  await editor
    .locator('.notebook-toolbar-container .action-item a[aria-label^="Run All"]')
    .first()
    .click({ timeout: 30_000 });
  lap(`${file}: run all`);
}

/** Evaluates `probe` in every frame until one returns a truthy value, scrolling the notebook between
 *  rounds (and back to the top once it reached the bottom). */
async function find(probe, arg) {
  const deadline = Date.now() + PROBE_MS;
  let downs = 0;
  while (Date.now() < deadline) {
    for (const f of page.frames()) {
      try {
        const v = await f.evaluate(probe, arg);
        if (v) return v;
      } catch {}
    }
    const list = page.locator('.notebook-editor:visible .cell-list-container').first();
    const box = await list.boundingBox().catch(() => null);
    if (box) {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, downs++ < 8 ? 500 : -5000);
      if (downs > 8) downs = 0;
    }
    await page.waitForTimeout(300);
  }
  return null;
}

/** Text of every webview's slips outputs, for checks that must look at all of them at once. */
async function everyFrame(probe) {
  const out = [];
  for (const f of page.frames()) {
    try {
      out.push(await f.evaluate(probe));
    } catch {}
  }
  return out;
}

try {
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  lap('workbench up');

  await openAndRun('e2e.slipsnb');
  const load = await find(() => {
    const cells = [...document.querySelectorAll('.slips-kind-load td')].map((td) => td.textContent);
    const at = cells.indexOf('alerts');
    return at >= 0 && Number(cells[at + 1]) > 0
      ? `parsed ${cells[cells.indexOf('parsed') + 1]}, alerts ${cells[at + 1]}`
      : null;
  });
  check(/^parsed 392, alerts [1-9]/.test(load ?? ''), `load result with counts (${load})`);
  const alerts = await find(
    () =>
      [...document.querySelectorAll('.slips-kind-table')]
        .find((t) => t.querySelector('.slips-title')?.textContent?.startsWith('alerts'))
        ?.querySelectorAll('tbody tr').length,
  );
  check(alerts > 0, `alerts table with ${alerts} rows`);
  const svg = await find(
    () =>
      document
        .querySelector(
          '.slips-vega[data-rendered=yes] svg .mark-rect, .slips-vega[data-rendered=yes] svg .mark-line, .slips-vega[data-rendered=yes] svg .mark-area',
        )
        ?.closest('svg')?.outerHTML.length,
  );
  check(svg > 0, `vega-lite chart rendered as SVG (${svg} chars)`);
  const timeline = await find(
    () => document.querySelectorAll('.slips-kind-timeline .slips-timeline-row').length,
  );
  check(timeline > 0, `timeline rendered (${timeline} rows)`);

  await page.screenshot({ path: path.join(artifacts, 'e2e-notebook.png') });

  // Language features in the cell editor, as a user meets them: resting the mouse on a keyword shows
  // its docs, and typing a query pops the suggest widget at the trigger character.
  const keyword = page
    .locator('.notebook-editor:visible .cell-editor-container .view-line span', { hasText: /^timeline$/ })
    .first();
  await keyword.scrollIntoViewIfNeeded({ timeout: 30_000 });
  await keyword.hover();
  const hoverDoc = page.locator('.monaco-hover:visible', { hasText: 'timeline IP [tw N]' }).first();
  check(
    await hoverDoc.waitFor({ timeout: PROBE_MS }).then(
      () => true,
      () => false,
    ),
    'hover over `timeline` shows its docs',
  );
  await page.screenshot({ path: path.join(artifacts, 'e2e-hover.png') });
  // Away from the keyword first: the hover would take the click.
  await page.mouse.move(0, 0);
  await hoverDoc.waitFor({ state: 'hidden', timeout: PROBE_MS }).catch(() => {});
  await keyword.click();
  // The toolbar's "Code" adds a cell below the focused one and puts the cursor in it.
  await page
    .locator('.notebook-editor:visible .notebook-toolbar-container .action-item a', {
      hasText: /^\s*Code\s*$/,
    })
    .first()
    .click({ timeout: 30_000 });
  await page.waitForTimeout(500);
  await page.keyboard.type('flows | where ', { delay: 30 });
  const suggest = page.locator('.suggest-widget.visible .monaco-list-row', { hasText: 'dport' }).first();
  check(
    await suggest.waitFor({ timeout: PROBE_MS }).then(
      () => true,
      () => false,
    ),
    'typing `flows | where ` suggests the fields (dport)',
  );
  await page.screenshot({ path: path.join(artifacts, 'e2e-completion.png') });
  await page.keyboard.press('Escape');

  await openAndRun('hostile.slipsnb');
  const literal = await find(
    ([s, i]) =>
      [...document.querySelectorAll('.slips-table td')].some((td) => td.textContent === s) &&
      [...document.querySelectorAll('.slips-table td')].some((td) => td.textContent === i),
    [PAYLOAD_SCRIPT, PAYLOAD_IMG],
  );
  check(literal, 'hostile host, user agent and DNS name show literally in the tables');
  const line = await find(
    (s) => [...document.querySelectorAll('.slips-timeline-row')].some((r) => r.textContent.includes(s)),
    PAYLOAD_SCRIPT,
  );
  check(line, 'hostile strings show literally in the timeline');
  const label = await find(
    (i) =>
      [...document.querySelectorAll('.slips-vega[data-rendered=yes] svg text')].some((t) =>
        t.textContent.includes(i.slice(0, 20)),
      ),
    PAYLOAD_IMG,
  );
  check(label, 'hostile host names are chart labels as SVG text');
  const injected = await everyFrame(() => ({
    ran: window.__slipsInjected === 1,
    imgOnerror: document.querySelectorAll('img[onerror]').length,
    scriptFromData: [...document.querySelectorAll('script')].filter((s) =>
      s.textContent.includes('__slipsInjected'),
    ).length,
    markupInOutputs: document.querySelectorAll(
      '.slips-out img, .slips-out script, .slips-out b, .slips-out [onerror]',
    ).length,
  }));
  const bad = injected.filter((r) => r.ran || r.imgOnerror || r.scriptFromData || r.markupInOutputs);
  check(
    bad.length === 0,
    `no injected element or script in ${injected.length} frames ${JSON.stringify(bad)}`,
  );
  await page.screenshot({ path: path.join(artifacts, 'e2e-hostile.png') });

  await openAndRun('paging.slipsnb');
  // The whole-profile timeline has 388 entries: its output carries 200, "show more" asks the kernel for
  // the next page over renderer messaging and appends it.
  const more = await find(async () => {
    const box = [...document.querySelectorAll('.slips-kind-timeline')].find((t) =>
      t.querySelector('.slips-more-button'),
    );
    if (!box) return null;
    const rows = () => box.querySelectorAll('.slips-timeline-row').length;
    const before = rows();
    const t = performance.now();
    box.querySelector('.slips-more-button').click();
    for (let i = 0; i < 100 && rows() === before && !box.querySelector('.slips-error'); i++)
      await new Promise((r) => setTimeout(r, 50));
    const ms = Math.round(performance.now() - t);
    return `${before} → ${rows()} rows in ${ms} ms; ${box.querySelector('.slips-title')?.textContent}${box.querySelector('.slips-error')?.textContent ?? ''}`;
  });
  const timelines = more
    ? ''
    : JSON.stringify(
        await everyFrame(() =>
          [...document.querySelectorAll('.slips-kind-timeline .slips-title')].map((t) => t.textContent),
        ),
      );
  check(
    /^200 → 388 rows/.test(more ?? ''),
    `"show more" pages a timeline through the kernel (${more ?? `no button; timelines: ${timelines}`})`,
  );
  await page.screenshot({ path: path.join(artifacts, 'e2e-paging.png') });

  // "Capture from interface…" from the command palette offers the machine's interfaces.
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type('>Slips: Capture from interface');
  await page.waitForSelector('.quick-input-list .monaco-list-row:has-text("Capture from interface")', {
    timeout: 30_000,
  });
  await page.keyboard.press('Enter');
  const ifaces = await page
    .locator('.quick-input-list .monaco-list-row .label-name', { hasText: /^(lo|any)$/ })
    .allTextContents()
    .then(async (found) => {
      if (found.length >= 2) return found;
      await page.waitForSelector('.quick-input-list .monaco-list-row:has-text("every interface")', {
        timeout: PROBE_MS,
      });
      return page.locator('.quick-input-list .monaco-list-row .label-name').allTextContents();
    })
    .catch(() => []);
  check(
    ifaces.includes('lo') && ifaces.includes('any'),
    `the capture command lists the interfaces (${ifaces.join(', ')})`,
  );
  await page.keyboard.press('Escape');
} catch (err) {
  failures.push(String(err).slice(0, 400));
  await page.screenshot({ path: path.join(artifacts, 'e2e-failure.png') }).catch(() => {});
}
await browser.close();
console.log(
  failures.length ? `E2E-UI FAIL: ${failures.join('; ')}` : 'E2E-UI PASS',
  `${((Date.now() - t0) / 1000).toFixed(1)}s`,
);
process.exit(failures.length ? 1 : 0);
