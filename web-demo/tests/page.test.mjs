// The browser page under Debian's Chromium, driven by playwright-core. Expected commands come
// from the CLI's own `render` verb (CLI_BIN, default $CARGO_TARGET_DIR/debug/...).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const site = resolve(here, '..');
const repo = resolve(site, '..');
const core = createRequire(import.meta.url)(
  join(resolve(process.env.WASM_NODE_PKG ?? join(here, 'pkg-node')), 'rolling_update_wasm.js'));
const cli = process.env.CLI_BIN
  ?? join(process.env.CARGO_TARGET_DIR ?? join(repo, 'target'), 'debug', 'aliyun-cli-rolling-update');
const shots = join(repo, 'test-output');
const TEMPLATES = core.templates();
const SHELLS = core.shells();
const REGION = 'cn-hangzhou';
const XSS = '<img src=x onerror=alert(1)>';

const seedDir = join(repo, 'tests', 'fixtures', 'seed');
const seeds = readdirSync(seedDir).filter((f) => f.endsWith('.json')).map((f) => {
  const name = f.replace(/\.json$/, '');
  const template = TEMPLATES.find((t) => t.shortName === name.split('-')[0]);
  return {
    name,
    template,
    payload: JSON.parse(readFileSync(join(seedDir, f), 'utf8')),
    command: readFileSync(join(seedDir, `${name}.command.txt`), 'utf8'),
  };
});

/** The part of a payload the form carries: keys the mode reads, with a non-empty value. */
function carried(template, payload) {
  const mode = payload.invokeType;
  const out = { invokeType: mode };
  for (const spec of template.params) {
    const value = payload[spec.key];
    if (spec.key === 'invokeType' || spec[mode] === 'ignored' || value === undefined) continue;
    if (value === '' || (Array.isArray(value) && value.length === 0)) continue;
    out[spec.key] = value;
  }
  return out;
}

const textOf = (v) => (Array.isArray(v) ? v.join(', ') : String(v));

// Every template in both modes: the seeds, plus one payload full of characters that shells
// treat specially.
const cases = [
  ...seeds.map((s) => ({ name: s.name, template: s.template, payload: carried(s.template, s.payload) })),
  {
    name: 'command-invoke-awkward',
    template: TEMPLATES.find((t) => t.shortName === 'command'),
    payload: {
      invokeType: 'invoke',
      scalingGroupId: 'asg-bp1awkward',
      commandType: 'RunShellScript',
      invokeScript: 'echo "it\'s $HOME" 100% & `date` | tee ^x\nls -la; exit 0',
      rollbackScript: '-rf \\ "\\"" %PATH% !x',
      OOSAssumeRole: 'role with spaces',
      batchNumber: 3,
      batchPauseOption: 'EveryBatchPause',
    },
  },
];

/** What the CLI prints for the payload: `{ ok, text }`. */
function cliRender(template, payload, shell, plugin) {
  const args = ['render', '--template', template.shortName, '--shell', shell, '--region', REGION];
  if (plugin) args.push('--plugin');
  for (const [key, value] of Object.entries(payload)) {
    const spec = template.params.find((p) => p.key === key);
    args.push(`--${spec.flag}=${textOf(value)}`);
  }
  const run = spawnSync(cli, args, { encoding: 'utf8' });
  assert.ok(run.status === 0 || run.status === 2, `${cli} ${args.join(' ')}: ${run.stderr}`);
  return { ok: run.status === 0, text: run.stdout.replace(/\n$/, ''), stderr: run.stderr };
}

let server;
let context;
let profile;

before(async () => {
  server = await serve(site);
  profile = mkdtempSync(join(tmpdir(), 'rolling-update-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** A fresh page at `hash`, recording dialogs and script errors. */
async function open(hash = '') {
  const page = await context.newPage();
  page.dialogs = [];
  page.errors = [];
  page.on('dialog', (d) => { page.dialogs.push(d.message()); d.dismiss(); });
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.goto(`${server.url}${hash}`);
  await page.waitForSelector('body[data-ready="true"]');
  assert.deepEqual(page.errors, []);
  assert.equal(await page.locator('#form').isVisible(), true, 'the page started');
  return page;
}

async function fill(page, template, payload, region = REGION) {
  await page.selectOption('select[name="template"]', template.name);
  await page.check(`[name="invokeType"][value="${payload.invokeType}"]`);
  await page.fill('[name="region"]', region);
  for (const [key, value] of Object.entries(payload)) {
    if (key === 'invokeType') continue;
    const control = page.locator(`[name="${key}"]`);
    if (await control.evaluate((e) => e.tagName) === 'SELECT') await control.selectOption(String(value));
    else await control.fill(textOf(value));
  }
}

/** Opens the import box (a <details>), pastes `text` for `shell` and presses Import. */
async function paste(page, text, shell) {
  if (!await page.locator('details.import').evaluate((d) => d.open)) {
    await page.click('details.import summary');
  }
  await page.fill('[name="importText"]', text);
  await page.selectOption('[name="importShell"]', shell);
  await page.click('#import');
}

const output = (page, shell) => page.locator(`[data-shell="${shell}"]`);

test('each template in both modes: every output equals the CLI render', async () => {
  for (const c of cases) {
    const page = await open();
    await fill(page, c.template, c.payload);
    assert.equal(await output(page, 'bash').count(), 1);
    for (const shell of SHELLS) {
      await page.click(`[role="tab"][data-tab="${shell}"]`);
      const want = cliRender(c.template, c.payload, shell, false);
      assert.ok(want.ok, want.stderr);
      assert.equal(await output(page, shell).textContent(), want.text, `${c.name} ${shell}`);
    }
    await page.click('[role="tab"][data-tab="plugin"]');
    for (const shell of SHELLS) {
      await page.selectOption('#plugin-shell', shell);
      const want = cliRender(c.template, c.payload, shell, true);
      const got = output(page, 'plugin');
      if (want.ok) {
        assert.equal(await got.textContent(), want.text, `${c.name} plugin ${shell}`);
      } else {
        // The CLI refuses (a line break for cmd.exe); the page says why instead.
        assert.match(await got.getAttribute('class'), /error/, `${c.name} plugin ${shell}`);
        assert.match(await got.textContent(), /cmd\.exe cannot pass a line break/);
      }
    }
    await page.click('[role="tab"][data-tab="params"]');
    const json = JSON.parse(await page.locator('[data-output="params"]').textContent());
    assert.deepEqual(json, c.payload, `${c.name} params.json`);
    if (c.name === 'image-invoke') {
      await page.click('[role="tab"][data-tab="bash"]');
      await page.screenshot({ path: join(shots, 'web-demo.png'), fullPage: true });
    }
    await page.close();
  }
});

test('the parameters-file option matches render --parameters-out', async () => {
  const c = cases[0];
  const page = await open();
  await fill(page, c.template, c.payload);
  await page.check('#use-file');
  const dir = mkdtempSync(join(tmpdir(), 'rolling-update-out-'));
  const run = spawnSync(cli, ['render', '--template', c.template.shortName, '--shell', 'bash',
    '--region', REGION, '--parameters-out', 'params.json',
    ...Object.entries(c.payload).map(([k, v]) =>
      `--${c.template.params.find((p) => p.key === k).flag}=${textOf(v)}`)],
  { encoding: 'utf8', cwd: dir });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(await output(page, 'bash').textContent(), run.stdout.replace(/\n$/, ''));
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'params.json'), 'utf8')), c.payload);
  rmSync(dir, { recursive: true, force: true });
  await page.close();
});

test('an invalid value shows its message at the field and hides the commands', async () => {
  const page = await open();
  const payload = { invokeType: 'invoke', scalingGroupId: 'sg-1', imageId: 'm-1', batchNumber: '0' };
  await fill(page, TEMPLATES[0], payload);
  const expected = core.validate('image', { ...payload, batchNumber: 0 }).findings;
  for (const key of ['batchNumber', 'scalingGroupId']) {
    const want = expected.find((f) => f.field === key && f.severity === 'error');
    const shown = page.locator(`[data-key="${key}"] [data-field="${key}"]`);
    assert.equal(await shown.isVisible(), true, key);
    assert.match(await shown.textContent(), new RegExp(want.message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.equal(await page.locator(`[name="${key}"]`).getAttribute('aria-invalid'), 'true');
  }
  assert.equal(await output(page, 'bash').isVisible(), false);
  assert.equal(await page.locator('#blocked').isVisible(), true);
  await page.fill('[name="batchNumber"]', '3');
  await page.fill('[name="scalingGroupId"]', 'asg-1');
  assert.equal(await output(page, 'bash').isVisible(), true);
  assert.equal(await page.locator('[data-field="batchNumber"]').count(), 0);
  await page.close();
});

test('pasting each seed command fills the form with its values', async () => {
  for (const seed of seeds) {
    const page = await open();
    await paste(page, seed.command, 'bash');
    assert.match(await page.locator('#import-status').textContent(), /^Loaded/, seed.name);
    assert.equal(await page.locator('select[name="template"]').inputValue(), seed.template.name);
    const mode = seed.payload.invokeType;
    assert.equal(await page.locator(`[name="invokeType"][value="${mode}"]`).isChecked(), true);
    for (const [key, value] of Object.entries(seed.payload)) {
      if (key === 'invokeType') continue;
      assert.equal(await page.locator(`[name="${key}"]`).inputValue(), textOf(value), `${seed.name} ${key}`);
    }
    const back = core.parseCommand(await output(page, 'bash').textContent(), 'bash');
    assert.deepEqual(back.parameters, carried(seed.template, seed.payload), seed.name);
    await page.close();
  }
});

test('pasted JSON fills the form; a bad paste says where', async () => {
  const page = await open();
  const seed = seeds.find((s) => s.name === 'package-invoke');
  await page.selectOption('select[name="template"]', seed.template.name);
  await paste(page, JSON.stringify(seed.payload), 'json');
  assert.equal(await page.locator('[name="packageName"]').inputValue(), seed.payload.packageName);
  await paste(page, 'aliyun oos StartExecution --Parameters "$X"', 'bash');
  assert.match(await page.locator('#import-status').textContent(), /^Could not import: .*line 1/);
  await page.close();
});

test('a reloaded or shared URL restores the form', async () => {
  const c = cases.find((x) => x.name === 'command-invoke-awkward');
  const page = await open();
  await fill(page, c.template, c.payload);
  await page.click('[role="tab"][data-tab="fish"]');
  const text = await output(page, 'fish').textContent();
  const url = page.url();
  assert.match(url, /#template=/);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  const copy = await open(new URL(url).hash);
  for (const p of [page, copy]) {
    assert.equal(await p.locator('select[name="template"]').inputValue(), c.template.name);
    assert.equal(await p.locator('[name="invokeScript"]').inputValue(), c.payload.invokeScript);
    assert.equal(await p.locator('[name="region"]').inputValue(), REGION);
    assert.equal(await output(p, 'fish').isVisible(), true, 'the fish tab is restored');
    assert.equal(await output(p, 'fish').textContent(), text);
  }
  await page.close();
  await copy.close();
});

test('markup typed, pasted or linked is shown as text and never run', async () => {
  const page = await open(`#template=ACS-ESS-RollingUpdateByConfigureOOSPackage&${encodeURIComponent(XSS)}=1&packageVersion=${encodeURIComponent(XSS)}`);
  await fill(page, TEMPLATES[2], { invokeType: 'invoke', scalingGroupId: 'asg-1', packageName: XSS });
  assert.match(await output(page, 'bash').textContent(), /<img src=x onerror=alert\(1\)>/);
  await paste(page, XSS, 'json');
  assert.match(await page.locator('#import-status').textContent(), /^Could not import/);
  await paste(page, `{"packageName": "${XSS}", "${XSS}": 1}`, 'json');
  assert.match(await page.locator('#import-status').textContent(), /left out: <img/);
  await page.waitForTimeout(300);
  assert.deepEqual(page.dialogs, []);
  assert.equal(await page.locator('img').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('labelled, keyboard-usable, answers a keystroke within a frame, fits a phone', async () => {
  const page = await open();
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
    .filter((e) => !e.closest('[hidden]') && e.labels.length === 0 && !e.closest('fieldset legend'))
    .map((e) => e.name || e.id));
  assert.deepEqual(unlabelled, []);
  const dangling = await page.evaluate(() => [...document.querySelectorAll('[aria-describedby]')]
    .flatMap((e) => e.getAttribute('aria-describedby').split(' '))
    .filter((id) => !document.getElementById(id)));
  assert.deepEqual(dangling, []);
  assert.ok(await page.locator('.findings[aria-live]').count() > 3);

  // Tabs answer the arrow keys.
  await page.fill('[name="scalingGroupId"]', 'asg-1');
  await page.fill('[name="imageId"]', 'm-1');
  await page.focus('[role="tab"][data-tab="bash"]');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.tab), 'fish');
  assert.equal(await output(page, 'fish').isVisible(), true);

  const times = await page.evaluate(() => {
    const input = document.querySelector('[name="scalingGroupId"]');
    const spent = [];
    for (const ch of 'asg-bp18p2yfxow2dloqabcd') {
      const t0 = performance.now();
      input.value += ch;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      spent.push(performance.now() - t0);
    }
    return spent.sort((a, b) => a - b);
  });
  const median = times[Math.floor(times.length / 2)];
  assert.ok(median < 16, `median keystroke ${median.toFixed(1)} ms`);

  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `horizontal overflow ${overflow}px on a phone`);
  await page.screenshot({ path: join(shots, 'web-demo-phone.png'), fullPage: true });
  await page.close();
});
