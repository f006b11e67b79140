// Drives code-server's workbench in Debian chromium: opens each notebook with Quick Open, runs all its
// cells from the command palette, and reads the rendered outputs inside the notebook webview (served
// from code-server's own origin, so its frames are readable). Screenshots go to the artifacts folder.
import { chromium } from 'playwright-core';
import path from 'node:path';

const [port, folder, artifacts] = process.argv.slice(2);
const t0 = Date.now();
const lap = (m) => console.log(`[ui ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
const failures = [];
const check = (ok, what) => (ok ? lap(`ok: ${what}`) : failures.push(what));

async function palette(command) {
  await page.keyboard.press('Control+Shift+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(command);
  await page.waitForSelector(`.quick-input-list .monaco-list-row:has-text("${command.replace(/^Notebook: /, '')}")`, { timeout: 30_000 });
  await page.keyboard.press('Enter');
}

async function openAndRun(file) {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(file);
  await page.waitForSelector(`.quick-input-list .monaco-list-row:has-text("${file}")`, { timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.waitForSelector('.notebook-editor .cell-list-container', { timeout: 30_000 });
  await page.waitForTimeout(1000);
  await palette('Notebook: Run All');
  lap(`${file}: run all`);
}

/** Polls every frame until `probe` (run in the frame) returns a truthy value. */
async function inWebview(probe, arg, tries = 120) {
  for (let i = 0; i < tries; i++) {
    for (const f of page.frames()) {
      try {
        const v = await f.evaluate(probe, arg);
        if (v) return v;
      } catch {}
    }
    await page.waitForTimeout(500);
  }
  return null;
}

try {
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.waitForTimeout(1500);
  lap('workbench up');

  await openAndRun('investigation.slipsnb');
  const evidence = await inWebview(() =>
    [...document.querySelectorAll('.slips-table td')].some((td) => td.textContent === 'HORIZONTAL_PORT_SCAN'),
  );
  check(evidence, 'evidence table shows HORIZONTAL_PORT_SCAN');
  const alerts = await inWebview(() =>
    [...document.querySelectorAll('.slips-kind-load td')].map((td) => td.textContent).join('|').includes('alerts|2'),
  );
  check(alerts, 'load output shows 2 alerts');
  const timeline = await inWebview(() => document.querySelectorAll('.slips-kind-timeline .slips-timeline-row').length);
  check(timeline > 0, `timeline rendered (${timeline} rows)`);
  const svg = await inWebview(() => !!document.querySelector('.slips-vega[data-rendered=yes] svg'));
  check(svg, 'vega-lite chart rendered as SVG');
  await page.screenshot({ path: path.join(artifacts, 'e2e-investigation.png') });

  await palette('View: Close All Editors');
  await page.waitForTimeout(500);
  await page.keyboard.press('Escape');
  await openAndRun('hostile.slipsnb');
  const literal = await inWebview(() =>
    [...document.querySelectorAll('.slips-table td')].some((td) => td.textContent === '<script>window.__slipsInjected=1</script>'),
  );
  check(literal, 'hostile user agent shows literally as text');
  await inWebview(() => !!document.querySelector('.slips-vega[data-rendered=yes] svg'));
  await page.waitForTimeout(1000);
  let injected = 0;
  for (const f of page.frames()) {
    try {
      injected += await f.evaluate(
        () =>
          (window.__slipsInjected ? 1 : 0) +
          document.querySelectorAll('img[src=x], b, .slips-out script').length,
      );
    } catch {}
  }
  check(injected === 0, 'no injected element or script in any frame');
  await page.screenshot({ path: path.join(artifacts, 'e2e-hostile.png') });
} catch (err) {
  failures.push(String(err).slice(0, 300));
  await page.screenshot({ path: path.join(artifacts, 'e2e-failure.png') }).catch(() => {});
}
await browser.close();
console.log(failures.length ? `E2E-UI FAIL: ${failures.join('; ')}` : 'E2E-UI PASS', `${((Date.now() - t0) / 1000).toFixed(1)}s`);
process.exit(failures.length ? 1 : 0);
