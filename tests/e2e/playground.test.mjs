// End-to-end tests of the playground in Debian's chromium (playwright-core, no browser download).
// Run: scripts/test-web.sh (builds dist/www first), or `node --test` here with dist/www built.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, afterEval, openPage, pick, setEditor, start } from './harness.mjs';

let env;
const pages = [];
before(async () => { env = await start(); });
after(async () => {
  for (const { context } of pages) await context.close().catch(() => {});
  await env?.close();
});

async function fresh(opts) {
  const p = await openPage(env, opts);
  pages.push(p);
  return p;
}

/** Every test ends with: nothing outside 127.0.0.1 was requested and the console stayed clean. */
function clean(log) {
  assert.deepEqual(log.external, [], 'requests outside 127.0.0.1');
  for (const url of log.requests) assert.match(url, /^(http:\/\/127\.0\.0\.1:\d+\/|data:)/, url);
  assert.deepEqual(log.errors, [], 'console errors');
}

const rowOf = (page, node) => page.locator(`#nodes-table tr[data-node="${node}"]`);

describe('playground', () => {
  test('loads with the default example, located errors and placement', async () => {
    const { page, log } = await fresh();
    assert.match(await page.title(), /everynode/);
    await page.waitForSelector('#problems li.diag');
    assert.equal(await page.locator('#preset-ds').inputValue(), 'traefik-broken');
    assert.equal(await page.locator('#preset-cluster').inputValue(), 'two-zones-6');
    assert.match(await page.locator('#runs-on').innerText(), /runs? on \d+\/6 nodes/);
    assert.match(await page.locator('#kubectl-line').innerText(), /The DaemonSet "traefik-ingress-controller" is invalid/);
    await page.screenshot({ path: join(ARTIFACTS, 'playground-light.png'), fullPage: false });
    clean(log);
  });

  test('every example and every cluster evaluates', async () => {
    const { page, log } = await fresh();
    const ds = await page.locator('#preset-ds option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    const clusters = await page.locator('#preset-cluster option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    assert.deepEqual(ds, ['traefik-broken', 'traefik-fixed', 'traefik-legacy', 'node-exporter', 'log-shipper', 'gpu-device-plugin']);
    assert.deepEqual(clusters, ['kind-3', 'two-zones-6', 'mixed-20', 'generated-5000']);
    for (const c of ['kind-3', 'mixed-20']) {
      await pick(page, '#preset-cluster', c);
      for (const d of ds) {
        if ((await page.locator('#preset-ds').inputValue()) === d) continue;
        await pick(page, '#preset-ds', d);
        assert.match(await page.locator('#runs-on').innerText(), /runs? on \d+\/\d+ nodes/, `${d} on ${c}`);
        const text = await page.locator('#ds-editor-text').inputValue();
        assert.ok(text.includes('DaemonSet'), d);
      }
    }
    // The legacy form is reported the way a current cluster reports it.
    await pick(page, '#preset-ds', 'traefik-legacy');
    assert.match(await page.locator('#kubectl-line').innerText(), /no matches for kind "DaemonSet" in version "extensions\/v1beta1"/);
    clean(log);
  });

  test('traefik broken form: hostPort error marked at line 32, column 21; clicking selects it', async () => {
    const { page, log } = await fresh();
    const mark = page.locator('#ds-editor .mark.error[data-code="DS212"]');
    await mark.waitFor();
    assert.equal(await mark.getAttribute('data-line'), '32');
    assert.equal(await mark.getAttribute('data-col'), '21');
    assert.equal(await page.locator('#ds-editor .gmark.error[data-line="32"]').count(), 1);
    const diag = page.locator('#problems li.diag[data-code="DS212"]');
    assert.match(await diag.innerText(), /spec\.template\.spec\.containers\[0\]\.ports\[1\]\.hostPort: Invalid value: 8081: must match `containerPort` when `hostNetwork` is true/);
    assert.match(await diag.locator('a.docs').getAttribute('href'), /docs\/rules\/DS212\.md$/);
    await diag.locator('button.diag-main').click();
    const sel = await page.locator('#ds-editor-text').evaluate((ta) => {
      const before = ta.value.slice(0, ta.selectionStart);
      return { line: before.split('\n').length, col: before.length - before.lastIndexOf('\n'), text: ta.value.slice(ta.selectionStart, ta.selectionEnd), focused: document.activeElement === ta };
    });
    assert.deepEqual(sel, { line: 32, col: 21, text: '8081', focused: true });
    // The mark is drawn where the text is: the squiggle starts at column 21 of line 32.
    const box = await mark.boundingBox();
    assert.ok(box && box.width > 0, 'the squiggle is visible');
    clean(log);
  });

  test('UTF-16 columns: a mark after CJK text lands on the right column', async () => {
    const { page, log } = await fresh();
    const text = await page.locator('#ds-editor-text').inputValue();
    // Put a Chinese value before the error on the same line: the column counts UTF-16 units.
    const edited = text.replace('          hostPort: 8081', '          hostPort: 8081 # 管理端口').replace('  name: traefik-ingress-controller', '  name: traefik-ingress-controller # 名称');
    await setEditor(page, 'ds-editor', edited);
    const mark = page.locator('#ds-editor .mark.error[data-code="DS212"]');
    assert.equal(await mark.getAttribute('data-line'), '32');
    assert.equal(await mark.getAttribute('data-col'), '21');
    clean(log);
  });

  test('the control-plane node is excluded with its taint reason; editing a toleration updates the table', async () => {
    const { page, log } = await fresh();
    await pick(page, '#preset-ds', 'traefik-fixed');
    const cp = rowOf(page, 'cp-1');
    assert.equal(await cp.getAttribute('data-runs'), 'false');
    assert.match(await cp.locator('td.reason').innerText(), /untolerated taint\(s\) — node-role\.kubernetes\.io\/control-plane:NoSchedule/);
    assert.equal(await rowOf(page, 'worker-a1').getAttribute('data-runs'), 'true');
    const group = page.locator('#reason-groups button', { hasText: 'control-plane' });
    assert.ok(await group.count() >= 1, 'reason groups list the taint');

    const text = await page.locator('#ds-editor-text').inputValue();
    assert.ok(!text.includes('tolerations:'));
    const tolerated = text.replace('      hostNetwork: true\n', '      hostNetwork: true\n      tolerations:\n      - key: node-role.kubernetes.io/control-plane\n        operator: Exists\n        effect: NoSchedule\n');
    assert.notEqual(tolerated, text);
    await setEditor(page, 'ds-editor', tolerated);
    assert.equal(await rowOf(page, 'cp-1').getAttribute('data-runs'), 'true');
    assert.equal(await rowOf(page, 'cp-1').locator('td.reason').innerText(), '');

    // Removing it again brings the exclusion back.
    await setEditor(page, 'ds-editor', text);
    assert.equal(await rowOf(page, 'cp-1').getAttribute('data-runs'), 'false');
    clean(log);
  });

  test('applying a suggested toleration fix edits the YAML and re-runs', async () => {
    const { page, log } = await fresh();
    await pick(page, '#preset-ds', 'traefik-fixed');
    const fix = page.locator('#fixes li.fix[data-kind="toleration"]').first();
    await fix.waitFor();
    const original = await page.locator('#ds-editor-text').inputValue();
    await afterEval(page, () => fix.locator('button.apply').click());
    const text = await page.locator('#ds-editor-text').inputValue();
    assert.match(text, /tolerations:\n\s+- key: /);
    assert.equal(await rowOf(page, 'cp-1').getAttribute('data-runs'), 'true');
    // The fix is an edit in the editor: focused there, the inserted text selected, and Ctrl+Z
    // takes it back (the browser's own undo).
    const sel = await page.locator('#ds-editor-text').evaluate((ta) => ({ focused: document.activeElement === ta, text: ta.value.slice(ta.selectionStart, ta.selectionEnd) }));
    assert.ok(sel.focused, 'focus is in the editor after Apply');
    assert.match(sel.text, /key: /);
    await afterEval(page, () => page.keyboard.press('Control+Z'));
    assert.equal(await page.locator('#ds-editor-text').inputValue(), original);
    clean(log);
  });

  test('a share link round-trips into a fresh page with identical state', async () => {
    const { page, log } = await fresh();
    await pick(page, '#preset-ds', 'log-shipper');
    await pick(page, '#preset-cluster', 'mixed-20');
    await pick(page, '#k8s-version', '1.30');
    const ds = (await page.locator('#ds-editor-text').inputValue()) + '# 备注：共享链接测试\n';
    await setEditor(page, 'ds-editor', ds);
    await page.click('details.pods > summary');
    await setEditor(page, 'pods-editor', 'apiVersion: v1\nkind: PodList\nitems: []\n');
    await page.click('#copy-link');
    const link = await page.locator('#share-out').inputValue();
    assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#v1=[A-Za-z0-9_-]+$/);
    const state = async (p) => ({
      ds: await p.locator('#ds-editor-text').inputValue(),
      nodes: await p.locator('#nodes-editor-text').inputValue(),
      pods: await p.locator('#pods-editor-text').inputValue(),
      version: await p.locator('#k8s-version').inputValue(),
      cluster: await p.locator('#preset-cluster').inputValue(),
      runsOn: await p.locator('#runs-on').innerText(),
    });
    const want = await state(page);
    // A new context: no localStorage from the first page.
    const other = await fresh({ hash: link.slice(link.indexOf('#')) });
    assert.deepEqual(await state(other.page), want);
    assert.equal(want.version, '1.30');
    // Damaged links say so instead of failing silently.
    const bad = await fresh({ hash: '#v1=@@@' });
    assert.match(await bad.page.locator('#status').innerText(), /share link/);
    clean(log);
    clean(other.log);
    clean(bad.log);
  });

  test('copy as Markdown has the kubectl line, the findings and the link', async () => {
    const { page, log } = await fresh();
    await page.click('#copy-md');
    const md = await page.locator('#share-out').inputValue();
    assert.match(md, /```text\nThe DaemonSet "traefik-ingress-controller" is invalid/);
    assert.match(md, /`DS212` error: .*hostPort/);
    assert.match(md, /\(http:\/\/127\.0\.0\.1:\d+\/#v1=[A-Za-z0-9_-]+\)/);
    clean(log);
  });

  test('autosave restores the last state after a reload', async () => {
    const { page, log } = await fresh();
    await pick(page, '#preset-ds', 'gpu-device-plugin');
    await page.waitForTimeout(50);
    await page.reload();
    await page.waitForSelector('#eval-time[data-ms]');
    assert.equal(await page.locator('#preset-ds').inputValue(), 'gpu-device-plugin');
    clean(log);
  });

  test('Simplified Chinese interface, verbatim Kubernetes messages, remembered, and back', async () => {
    const { page, log } = await fresh();
    const msg = await page.locator('#problems li.diag[data-code="DS212"] .msg').innerText();
    await page.selectOption('#lang', 'zh-CN');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    assert.match(await page.locator('#problems h2').innerText(), /问题/);
    assert.match(await page.locator('#runs-on').innerText(), /运行于 \d+\/6 个节点/);
    assert.equal(await page.locator('#problems li.diag[data-code="DS212"] .msg').innerText(), msg);
    await page.reload();
    await page.waitForSelector('#eval-time[data-ms]');
    assert.equal(await page.locator('#lang').inputValue(), 'zh-CN');
    assert.match(await page.locator('#copy-link').innerText(), /复制链接/);
    await page.selectOption('#lang', 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.match(await page.locator('#problems h2').innerText(), /Problems/);
    clean(log);
  });

  test('dark mode follows the system and toggles', async () => {
    const light = await fresh({ colorScheme: 'light' });
    const bg = (p) => p.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const lightBg = await bg(light.page);
    await light.page.click('#theme');
    await light.page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    const darkBg = await bg(light.page);
    assert.notEqual(darkBg, lightBg);
    await light.page.screenshot({ path: join(ARTIFACTS, 'playground-dark.png') });
    await light.page.click('#theme');
    await light.page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    assert.equal(await bg(light.page), lightBg);
    const dark = await fresh({ colorScheme: 'dark' });
    assert.equal(await dark.page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    assert.equal(await bg(dark.page), darkBg);
    clean(light.log);
    clean(dark.log);
  });

  test('keyboard: controls are reachable with Tab and diagnostics are buttons', async () => {
    const { page, log } = await fresh();
    const seen = new Set();
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      seen.add(await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName));
    }
    for (const id of ['preset-ds', 'preset-cluster', 'k8s-version', 'copy-link', 'theme']) assert.ok(seen.has(id), `${id} reachable: ${[...seen]}`);
    clean(log);
  });

  test('5 000 generated nodes stay usable (paged table) and re-evaluate', async () => {
    const { page, log } = await fresh();
    const t0 = Date.now();
    await pick(page, '#preset-cluster', 'generated-5000');
    const firstMs = Number(await page.locator('#eval-time').getAttribute('data-ms'));
    const wall = Date.now() - t0;
    assert.match(await page.locator('#runs-on').innerText(), /runs? on \d+\/5000 nodes/);
    assert.match(await page.locator('#page-info').innerText(), /Page 1 of 100 · 5000 nodes/);
    assert.equal(await page.locator('#nodes-table tbody tr').count(), 50);
    await page.click('#page-next');
    assert.match(await page.locator('#page-info').innerText(), /Page 2 of 100/);
    await page.fill('#node-query', 'cp-');
    assert.equal(await page.locator('#nodes-table tbody tr').count(), 3);
    // Typing stays responsive: a keystroke is handled long before the evaluation runs.
    const ta = page.locator('#ds-editor-text');
    await ta.focus();
    const k0 = Date.now();
    await page.keyboard.press('End');
    await page.keyboard.type('#');
    const keyMs = Date.now() - k0;
    await page.waitForFunction(() => document.querySelector('#eval-time')?.hasAttribute('data-ms'), null, { timeout: 60000 });
    const reMs = [];
    for (let i = 0; i < 3; i++) {
      const text = await ta.inputValue();
      await setEditor(page, 'ds-editor', text + `# ${i}\n`);
      reMs.push(Number(await page.locator('#eval-time').getAttribute('data-ms')));
    }
    writeFileSync(join(ARTIFACTS, 'bench-5000.json'), JSON.stringify({ firstEvalMs: firstMs, pickToResultWallMs: wall, keystrokeMs: keyMs, reEvalMs: reMs }, null, 2));
    assert.ok(keyMs < 1000, `keystroke took ${keyMs} ms`);
    clean(log);
  });

  test('benchmark: time to first result, re-evaluation with 100 nodes', async () => {
    const { page, log } = await fresh();
    const firstResultMs = await page.evaluate(() => performance.now());
    const nodes = ['apiVersion: v1', 'kind: List', 'items:'];
    for (let i = 0; i < 100; i++) {
      nodes.push(`- {apiVersion: v1, kind: Node, metadata: {name: n-${i}, labels: {kubernetes.io/os: linux, topology.kubernetes.io/zone: z${i % 3}}},`
        + ` spec: {taints: ${i % 10 === 0 ? '[{key: dedicated, value: x, effect: NoSchedule}]' : '[]'}},`
        + ` status: {addresses: [{type: InternalIP, address: 10.0.0.${i}}], allocatable: {cpu: "4", memory: 8Gi, pods: "110"}}}`);
    }
    await setEditor(page, 'nodes-editor', nodes.join('\n') + '\n');
    assert.match(await page.locator('#runs-on').innerText(), /\/100 nodes/);
    const reEvalMs = [];
    for (let i = 0; i < 3; i++) {
      const text = await page.locator('#ds-editor-text').inputValue();
      await setEditor(page, 'ds-editor', text + `# ${i}\n`);
      reEvalMs.push(Number(await page.locator('#eval-time').getAttribute('data-ms')));
    }
    const transfer = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => ({ name: e.name.replace(location.origin, ''), bytes: e.encodedBodySize })));
    writeFileSync(join(ARTIFACTS, 'bench-100.json'), JSON.stringify({ firstResultMs, reEvalMs, transfer }, null, 2));
    clean(log);
  });
});
