// Cluster scale in the browser (issue 15): a 5 000-node `kubectl get nodes -o yaml` (33 MB, from
// ../shared/corpus/nodes/gen_nodes.py) pasted into the Nodes editor is evaluated in the worker while
// the page stays responsive, and typing with it loaded never shows an older result over a newer one.
// Timings (paste to result, js-yaml parsing the same text in the same page, Chromium's long tasks)
// are recorded in dist/e2e/bench-paste.json; docs/benchmarks.md quotes them. The assertions are on
// behaviour and order, never on the machine's speed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { ARTIFACTS, ROOT, openPage, start } from './harness.mjs';

const require = createRequire(import.meta.url);
const CORPUS = process.env.EVERYNODE_CORPUS ?? resolve(ROOT, '..', 'shared', 'corpus');
const GEN = join(CORPUS, 'nodes', 'gen_nodes.py');
const COUNT = 5000;

/** The 5 000-node list, generated once per checkout into dist/e2e (deterministic: the generator's default seed). */
function nodeList() {
  const out = join(ARTIFACTS, `nodes-${COUNT}.yaml`);
  if (!existsSync(out)) {
    mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync('python3', [GEN, '--count', String(COUNT), '--seed', '1', '--out', out], { stdio: 'inherit' });
  }
  return readFileSync(out, 'utf8');
}

const skip = existsSync(GEN) ? false : `SKIPPED: ${GEN} is absent (the corpus lives in ../shared/corpus or $EVERYNODE_CORPUS)`;
if (skip) console.warn(`\n*** paste tests ${skip} ***\n`);

let env;
const contexts = [];
before(async () => { if (!skip) env = await start(); });
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await env?.close();
});

describe('5 000 nodes pasted', { skip }, () => {
  test('the paste is evaluated in the worker: the page answers meanwhile, the per-node result arrives', async () => {
    const text = nodeList();
    const { page, context, log } = await openPage(env);
    contexts.push(context);
    await page.addScriptTag({ content: readFileSync(join(dirname(require.resolve('js-yaml/package.json')), 'dist', 'js-yaml.min.js'), 'utf8') });
    await page.evaluate((t) => { window.__big = t; }, text);

    // Chromium's long-task timing, from before the paste to the result.
    await page.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask' });
    });
    const before = Number(await page.locator('#eval-time').getAttribute('data-rev') ?? -1);
    const timing = await page.evaluate((b) => new Promise((done) => {
      const ta = document.querySelector('#nodes-editor-text');
      ta.focus();
      ta.setSelectionRange(0, ta.value.length);
      let ticks = 0;
      let ticksBeforeResult = -1;
      const tick = () => { ticks++; if (ticksBeforeResult < 0) setTimeout(tick, 0); };
      const obs = new MutationObserver(() => {
        const t = document.querySelector('#eval-time');
        if (t?.hasAttribute('data-ms') && Number(t.getAttribute('data-rev')) > b && /\/5000 nodes/.test(document.querySelector('#runs-on')?.textContent ?? '')) {
          const at = performance.now();
          ticksBeforeResult = ticks;
          obs.disconnect();
          done({ pasteToResultMs: at - t0, handlerMs: handled - t0, ticksBeforeResult, workerMs: Number(t.getAttribute('data-ms')) });
        }
      });
      obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      const dt = new DataTransfer();
      dt.setData('text/plain', window.__big);
      const t0 = performance.now();
      ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      const handled = performance.now();
      setTimeout(tick, 0);
    }), before);
    const longTasks = await page.evaluate(() => window.__long.slice());

    // The same text through js-yaml in the same page, after the paste (best of two).
    const jsYamlMs = await page.evaluate(() => {
      let best = Infinity;
      for (let i = 0; i < 2; i++) {
        const t0 = performance.now();
        const doc = jsyaml.load(window.__big);
        best = Math.min(best, performance.now() - t0);
        if (doc.items.length !== 5000) throw new Error('js-yaml read ' + doc.items.length);
      }
      return best;
    });

    // The result: every node placed, the editor windowed (the textarea never held 33 MB).
    assert.match(await page.locator('#runs-on').innerText(), /runs? on \d+\/5000 nodes/);
    assert.match(await page.locator('#page-info').innerText(), /of 100 · 5000 nodes/);
    assert.equal(await page.locator('#nodes-editor').getAttribute('data-windowed'), 'true');
    const shown = await page.locator('#nodes-editor-text').evaluate((ta) => ta.value.length);
    assert.ok(shown < 200_000, `the textarea holds ${shown} characters`);
    assert.equal(Number(await page.locator('#nodes-editor').getAttribute('data-lines')), text.split('\n').length);
    // The main thread kept running tasks while the worker parsed: the page answered.
    assert.ok(timing.ticksBeforeResult > 0, `no task ran on the page between the paste and the result: ${JSON.stringify(timing)}`);
    // Nothing the user typed is lost: the document is the pasted text (checked by its size).
    await page.locator('#node-query').fill('ip-10-0-17-149');
    assert.ok(await page.locator('#nodes-table tbody tr').count() >= 1);

    const bench = { bytes: Buffer.byteLength(text), lines: text.split('\n').length, ...timing, jsYamlMs,
      ratioToJsYaml: timing.pasteToResultMs / jsYamlMs, longTasksMs: longTasks, longestTaskMs: Math.max(0, ...longTasks) };
    writeFileSync(join(ARTIFACTS, 'bench-paste.json'), JSON.stringify(bench, null, 2));
    console.log(`paste → result ${timing.pasteToResultMs.toFixed(0)} ms (worker ${timing.workerMs} ms), js-yaml ${jsYamlMs.toFixed(0)} ms, `
      + `ratio ${bench.ratioToJsYaml.toFixed(2)}, longest main-thread task ${bench.longestTaskMs.toFixed(0)} ms`);
    assert.deepEqual(log.errors, []);
  });

  test('typing with 5 000 nodes loaded: results land in order and the last one is for the last keystroke', async () => {
    const text = nodeList();
    const { page, context, log } = await openPage(env);
    contexts.push(context);
    await page.evaluate((t) => { window.__big = t; }, text);
    const before = Number(await page.locator('#eval-time').getAttribute('data-rev') ?? -1);
    await page.evaluate(() => {
      const ta = document.querySelector('#nodes-editor-text');
      ta.setSelectionRange(0, ta.value.length);
      const dt = new DataTransfer();
      dt.setData('text/plain', window.__big);
      ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction((b) => Number(document.querySelector('#eval-time[data-ms]')?.getAttribute('data-rev')) > b, before, { timeout: 120000 });
    // Record every result revision shown from now on.
    await page.evaluate(() => {
      window.__revs = [];
      new MutationObserver(() => {
        const r = document.querySelector('#eval-time[data-ms]')?.getAttribute('data-rev');
        if (r && window.__revs.at(-1) !== Number(r)) window.__revs.push(Number(r));
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    const ta = page.locator('#ds-editor-text');
    await ta.focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('# typed while 5000 nodes are loaded', { delay: 15 });
    const typed = await ta.inputValue();
    assert.ok(typed.endsWith('# typed while 5000 nodes are loaded'), 'every keystroke reached the editor');
    // Wait for the result of the last keystroke: no evaluation pending any more.
    await page.waitForFunction(() => document.querySelector('#eval-time')?.hasAttribute('data-ms'), null, { timeout: 120000 });
    const revs = await page.evaluate(() => window.__revs);
    for (let i = 1; i < revs.length; i++) assert.ok(revs[i] > revs[i - 1], `results out of order: ${revs}`);
    // Coalesced: far fewer evaluations than keystrokes, and the last shown is the newest input.
    assert.ok(revs.length < 36, `${revs.length} evaluations for 36 keystrokes`);
    assert.match(await page.locator('#runs-on').innerText(), /\/5000 nodes/);
    assert.deepEqual(log.errors, []);
  });
});
