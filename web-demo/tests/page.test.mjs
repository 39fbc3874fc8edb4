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

const textOf = (v) => {
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join(', ');
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
};

/** A payload of each new template in `mode`, with every kind it has (Boolean, Json). */
function newTemplateCase(shortName, mode) {
  const template = TEMPLATES.find((t) => t.shortName === shortName);
  const rollback = mode === 'rollback' ? { sourceExecutionId: 'exec-0123456789' } : {};
  const specific = {
    file: {
      invokeSourcePath: 'https://example.com/app-2.tar.gz?sig=a&b',
      invokeDestinationDir: '/opt/app dir',
      invokeScript: 'tar xzf app-2.tar.gz && ./install "$PWD"',
      rollbackSourcePath: 'https://example.com/app-1.tar.gz',
      rollbackDestinationDir: '/opt/app dir',
      rollbackScript: 'tar xzf app-1.tar.gz',
      whetherSaveToFile: false,
    },
    'oss-file': {
      invokeBucketName: 'releases',
      invokeObjectName: 'app/2.tar.gz',
      invokeDestinationDir: '/opt/app',
      rollbackBucketName: 'releases',
      rollbackObjectName: 'app/1.tar.gz',
      rollbackDestinationDir: '/opt/app',
      whetherSaveToFile: true,
      URLExpirationTime: 600,
      OSSRegion: 'cn-shanghai',
    },
    container: {
      containerConfigure: [{ Name: 'web', Image: 'registry/web:2', Cpu: 0.5, Commands: ["echo 'hi'"] }],
      sourceContainerConfigure: [{ Name: 'web', Image: 'registry/web:1' }],
      updateType: 'RenewUpdate',
      scalingConfigurationId: 'asc-bp1eci',
      maxErrors: 1,
    },
  }[shortName];
  const payload = { invokeType: mode, scalingGroupId: 'asg-bp1new', ...rollback, ...specific, batchNumber: 2 };
  return { name: `${shortName}-${mode}`, template, payload: carried(template, payload) };
}

// Every template in both modes: the seeds, plus one payload full of characters that shells
// treat specially.
const cases = [
  ...seeds.map((s) => ({ name: s.name, template: s.template, payload: carried(s.template, s.payload) })),
  ...['file', 'oss-file', 'container'].flatMap((t) =>
    ['invoke', 'rollback'].map((mode) => newTemplateCase(t, mode))),
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

// The reader's remembered preferences (localStorage) are the same for every page a test opens:
// English, commands on one line (as the CLI's render writes them), no remembered shell.
const PREFS = { 'rolling-update.lang': 'en', 'rolling-update.oneLine': '1' };

/** A fresh page at `hash` with `prefs` remembered, recording dialogs and script errors. */
async function open(hash = '', prefs = PREFS) {
  const page = await context.newPage();
  await page.addInitScript((wanted) => {
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith('rolling-update.')) localStorage.removeItem(key);
    }
    for (const [key, value] of Object.entries(wanted)) localStorage.setItem(key, value);
  }, prefs);
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

/** Opens the Advanced part of the form when it is closed. */
async function openAdvanced(page) {
  if (!await page.locator('#advanced').evaluate((d) => d.open)) await page.click('#advanced > summary');
}

/** Fills the form as a person does: each field typed in, then left. */
async function fill(page, template, payload, region = REGION) {
  await page.selectOption('select[name="template"]', template.name);
  await page.check(`[name="invokeType"][value="${payload.invokeType}"]`);
  await page.fill('[name="region"]', region);
  await openAdvanced(page);
  for (const [key, value] of Object.entries(payload)) {
    if (key === 'invokeType') continue;
    const control = page.locator(`[name="${key}"]`);
    if (await control.evaluate((e) => e.tagName) === 'SELECT') await control.selectOption(String(value));
    else await control.fill(textOf(value));
    await control.blur();
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

test('an invalid value shows its message at the field; the command stays, dimmed and counted', async () => {
  const page = await open();
  const payload = { invokeType: 'invoke', scalingGroupId: 'sg-1', imageId: 'm-1', batchNumber: '0' };
  await fill(page, TEMPLATES[0], payload);
  const expected = core.validate('image', { ...payload, batchNumber: 0 }).findings;
  for (const key of ['batchNumber', 'scalingGroupId']) {
    const want = expected.find((f) => f.field === key && f.severity === 'error');
    const shown = page.locator(`[data-key="${key}"] [data-field="${key}"]`);
    assert.equal(await shown.isVisible(), true, key);
    assert.ok((await shown.textContent()).includes(want.message), key);
    assert.equal(await page.locator(`[name="${key}"]`).getAttribute('aria-invalid'), 'true');
  }
  const errors = expected.filter((f) => f.severity === 'error').length;
  assert.equal(await output(page, 'bash').isVisible(), true, 'the command never disappears');
  assert.match(await page.locator('#outputs').getAttribute('class'), /invalid/);
  assert.equal(await page.locator('#blocked').isVisible(), true);
  assert.match(await page.locator('#blocked').textContent(), new RegExp(`^${errors} problems`));
  assert.equal(await page.locator('#copy').getAttribute('aria-disabled'), 'true');
  await page.fill('[name="batchNumber"]', '3');
  await page.fill('[name="scalingGroupId"]', 'asg-1');
  assert.equal(await output(page, 'bash').isVisible(), true);
  assert.equal(await page.locator('[data-field="batchNumber"]').count(), 0);
  assert.equal(await page.locator('#blocked').isVisible(), false);
  assert.equal(await page.locator('#copy').getAttribute('aria-disabled'), 'false');
  assert.doesNotMatch(await page.locator('#outputs').getAttribute('class') ?? '', /invalid/);
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

test('each new template in both modes: the command written is pasted back into the same form', async () => {
  for (const c of cases.filter((k) => ['file', 'oss-file', 'container'].includes(k.template.shortName))) {
    const page = await open();
    await fill(page, c.template, c.payload);
    for (const shell of SHELLS) {
      await page.click(`[role="tab"][data-tab="${shell}"]`);
      const written = await output(page, shell).textContent();
      const fresh = await open();
      await paste(fresh, written, shell);
      assert.match(await fresh.locator('#import-status').textContent(), /^Loaded/, `${c.name} ${shell}`);
      assert.equal(await fresh.locator('select[name="template"]').inputValue(), c.template.name);
      for (const [key, value] of Object.entries(c.payload)) {
        if (key === 'invokeType') continue;
        const shown = await fresh.locator(`[name="${key}"]`).inputValue();
        assert.equal(shown, textOf(value), `${c.name} ${shell} ${key}`);
      }
      await fresh.click('[role="tab"][data-tab="params"]');
      const json = JSON.parse(await fresh.locator('[data-output="params"]').textContent());
      assert.deepEqual(json, c.payload, `${c.name} ${shell} re-parsed`);
      await fresh.close();
    }
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
  // One live region, the short summary: no list re-read on every keystroke.
  const live = await page.evaluate(() => [...document.querySelectorAll(
    '[aria-live], [role="status"], [role="alert"], [role="log"], output')].map((e) => e.id));
  assert.deepEqual(live, ['summary']);

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

const GATE_FIELDS = core.gateFields();
const gateControl = (page, key) => page.locator(`[name="gate.${key}"]`);

/** Opens the gate box and fills it: texts typed, choices selected, switches ticked. */
async function fillGate(page, values) {
  if (!await page.locator('#gate-box').evaluate((d) => d.open)) await page.click('#gate-box summary');
  for (const [key, value] of Object.entries(values)) {
    const field = GATE_FIELDS.find((f) => f.key === key);
    const control = gateControl(page, key);
    if (field.kind === 'switch') await control.setChecked(value);
    else if (field.kind === 'choice') await control.selectOption(value);
    else await control.fill(value);
    await control.blur();
  }
}

test('gate options go into the plugin command, quoted for each shell, and only there', async () => {
  const c = cases.find((x) => x.name === 'image-invoke');
  const page = await open();
  await fill(page, c.template, c.payload);
  assert.equal(await page.locator('#gate-box').evaluate((d) => d.open), false, 'collapsed at first');
  const plain = cliRender(c.template, c.payload, 'bash', true).text;
  const oos = await output(page, 'bash').textContent();
  await fillGate(page, {
    check: 'curl -fsS "http://${RU_INSTANCE_IPS%%,*}/health" && echo it\'s ok',
    checkTimeout: '90s',
    alarms: 'rule-1, =rule-2',
    bake: '5m',
    onUnhealthy: 'rollback',
    insufficientDataOk: true,
  });
  await page.click('[role="tab"][data-tab="plugin"]');
  const got = output(page, 'plugin');
  assert.equal(await got.textContent(), `${plain} --check 'curl -fsS "http://\${RU_INSTANCE_IPS%%,*}/health" && echo it'\\''s ok' --check-timeout 90s --alarm rule-1 --alarm '=rule-2' --bake 5m --on-unhealthy rollback --insufficient-data-ok`);
  await page.selectOption('#plugin-shell', 'powershell');
  assert.match(await got.textContent(), / --check 'curl -fsS "http:\/\/\$\{RU_INSTANCE_IPS%%,\*\}\/health" && echo it''s ok' --check-timeout '90s' --alarm rule-1 --alarm '=rule-2' --bake '5m' --on-unhealthy rollback --insufficient-data-ok$/);
  const gate = {
    check: await gateControl(page, 'check').inputValue(),
    checkTimeout: '90s', alarms: ['rule-1', '=rule-2'], bake: '5m', onUnhealthy: 'rollback',
    insufficientDataOk: true,
  };
  for (const shell of SHELLS) {
    await page.selectOption('#plugin-shell', shell);
    const want = core.renderPlugin({ template: c.template.name, parameters: c.payload, region: REGION, gate }, shell);
    assert.equal(await got.textContent(), want, `plugin ${shell}`);
  }
  assert.equal(await output(page, 'bash').textContent(), oos, 'StartExecution has no gate');

  // Emptied, the options leave the command again.
  await page.selectOption('#plugin-shell', 'bash');
  for (const f of GATE_FIELDS) {
    if (f.kind === 'switch') await gateControl(page, f.key).setChecked(false);
    else if (f.kind === 'choice') await gateControl(page, f.key).selectOption('');
    else await gateControl(page, f.key).fill('');
  }
  assert.equal(await got.textContent(), plain);
  await page.close();
});

test('gate options survive a reload, and open the gate box', async () => {
  const c = cases.find((x) => x.name === 'package-invoke');
  const page = await open();
  await fill(page, c.template, c.payload);
  await fillGate(page, { alarms: 'r-1', onUnhealthy: 'cancel' });
  await page.click('[role="tab"][data-tab="plugin"]');
  const text = await output(page, 'plugin').textContent();
  assert.match(text, / --alarm r-1 --on-unhealthy cancel$/);
  assert.equal(await page.locator('#gate-count').textContent(), ' 2 set');
  await page.evaluate(() => new Promise((r) => setTimeout(r, 200))); // the URL is written
  const copy = await open(new URL(page.url()).hash);
  assert.equal(await copy.locator('#gate-box').evaluate((d) => d.open), true);
  assert.equal(await gateControl(copy, 'alarms').inputValue(), 'r-1');
  assert.equal(await output(copy, 'plugin').textContent(), text);
  await page.close();
  await copy.close();
});

test('on-unhealthy without a gate, or a bad duration, is an error at its field', async () => {
  const c = cases.find((x) => x.name === 'command-invoke');
  const page = await open();
  await fill(page, c.template, c.payload);
  await fillGate(page, { onUnhealthy: 'cancel' });
  const want = core.validateGate({ onUnhealthy: 'cancel' });
  assert.equal(want.length, 1);
  const shown = page.locator('[data-gate="onUnhealthy"] [data-field="gate.onUnhealthy"]');
  assert.equal(await shown.isVisible(), true);
  assert.equal(await shown.getAttribute('class'), 'error');
  assert.match(await shown.textContent(), /needs a gate/);
  assert.ok((await shown.textContent()).includes(want[0].message));
  assert.equal(await gateControl(page, 'onUnhealthy').getAttribute('aria-invalid'), 'true');
  await page.click('[role="tab"][data-tab="plugin"]');
  assert.match(await output(page, 'plugin').getAttribute('class'), /error/);
  assert.match(await output(page, 'plugin').textContent(), /needs a gate/);
  assert.equal(await page.locator('#blocked').textContent(), '1 problem to fix: Copy is off until it is fixed.');
  await page.click('[role="tab"][data-tab="bash"]');
  assert.equal(await page.locator('#blocked').isVisible(), false, 'the OOS commands stand');
  await page.click('[role="tab"][data-tab="plugin"]');

  await fillGate(page, { bake: 'soon' });
  assert.match(await page.locator('[data-field="gate.bake"]').textContent(), /invalid duration `soon`/);
  await fillGate(page, { bake: '10m' });
  assert.equal(await page.locator('[data-field^="gate."]').count(), 0);
  assert.equal(await gateControl(page, 'onUnhealthy').getAttribute('aria-invalid'), null);
  assert.match(await output(page, 'plugin').textContent(), / --bake 10m --on-unhealthy cancel$/);
  await page.close();
});

test('choices, ranges and defaults on the page are the core\'s', async () => {
  const page = await open();
  for (const t of TEMPLATES) {
    await page.selectOption('select[name="template"]', t.name);
    for (const spec of t.params.filter((p) => p.kind === 'string' && p.choices.length && p.key !== 'invokeType')) {
      const offered = await page.locator(`select[name="${spec.key}"] option`).evaluateAll((os) => os.map((o) => o.value));
      assert.deepEqual(offered, ['', ...spec.choices.map((c) => c.value)], `${t.shortName}.${spec.key}`);
    }
  }
  const optionValues = (selector) => page.locator(selector).evaluateAll((os) => os.map((o) => o.value));
  const shells = core.shellTitles().map((t) => t.value);
  assert.deepEqual(await optionValues('#plugin-shell option'), shells);
  assert.deepEqual(await optionValues('[name="importShell"] option'), [...shells, 'json']);
  assert.equal(await page.locator('[name="importShell"]').inputValue(), shells[0]);
  const tabs = await page.locator('[role="tab"]').evaluateAll((ts) => ts.map((t) => t.dataset.tab));
  assert.deepEqual(tabs.slice(0, shells.length), shells);
  const modes = await page.locator('[name="invokeType"]').evaluateAll((rs) => rs.map((r) => r.value));
  assert.deepEqual(modes, core.invokeTypes().map((m) => m.value));
  const onUnhealthy = GATE_FIELDS.find((f) => f.key === 'onUnhealthy');
  const offered = await gateControl(page, 'onUnhealthy').locator('option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(offered, ['', ...onUnhealthy.choices.map((c) => c.value)]);
  assert.equal(await gateControl(page, 'checkTimeout').getAttribute('placeholder'),
    GATE_FIELDS.find((f) => f.key === 'checkTimeout').default);

  // The plan takes the pause option the form holds, or the template's default, and keeps the
  // batch count inside the template's range.
  const image = TEMPLATES[0];
  const batch = image.params.find((p) => p.key === 'batchNumber');
  const pause = image.params.find((p) => p.key === 'batchPauseOption');
  await page.selectOption('select[name="template"]', image.name);
  await openAdvanced(page);
  await page.fill('#instances', '40');
  const caption = () => page.locator('#plan caption').textContent();
  const expect = (n, p) => {
    const plan = core.plan(40, n, p);
    return `${plan.batches.length} batches, ${plan.pauses} pauses for approval`;
  };
  assert.equal(await caption(), expect(batch.default, pause.default));
  for (const choice of pause.choices) {
    await page.selectOption('select[name="batchPauseOption"]', choice.value);
    assert.equal(await caption(), expect(batch.default, choice.value), choice.value);
  }
  await page.fill('[name="batchNumber"]', String(batch.max * 10));
  assert.equal(await caption(), expect(batch.max, pause.choices.at(-1).value));

  // No choice of any template, nor of the gates, is spelled out in the page's own sources.
  // (sw.js is left out: its 'install' is the service worker's event, not a template's choice.)
  const sources = ['app.js', 'form.js', 'plan.js', 'texts.js', 'boot.js', 'index.html'].map((f) => readFileSync(join(site, f), 'utf8')).join('\n');
  const values = [...TEMPLATES.flatMap((t) => t.params.flatMap((p) => p.choices)),
    ...core.invokeTypes(), ...onUnhealthy.choices].map((c) => c.value);
  for (const v of new Set(values)) {
    assert.ok(!sources.includes(`'${v}'`) && !sources.includes(`"${v}"`), `${v} is hard-coded`);
  }
  await page.close();
});

test('a pasted plugin command with gate options fills the gate box', async () => {
  const c = cases.find((x) => x.name === 'image-invoke');
  const gate = { check: 'test -n "$RU_INSTANCE_IPS"', alarms: ['r-1', 'r-2'], bake: '3m', onUnhealthy: 'rollback' };
  const text = core.renderPlugin({ template: c.template.name, parameters: c.payload, region: REGION, gate }, 'bash');
  const page = await open();
  await paste(page, text, 'bash');
  assert.match(await page.locator('#import-status').textContent(), /^Loaded/);
  assert.equal(await page.locator('#gate-box').evaluate((d) => d.open), true);
  assert.equal(await gateControl(page, 'check').inputValue(), gate.check);
  assert.equal(await gateControl(page, 'alarms').inputValue(), 'r-1, r-2');
  assert.equal(await gateControl(page, 'onUnhealthy').inputValue(), 'rollback');
  await page.click('[role="tab"][data-tab="plugin"]');
  assert.equal(await output(page, 'plugin').textContent(), text);
  await page.close();
});

// --- the page as an application ---

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TEXTS = { en: core.texts('en'), 'zh-CN': core.texts('zh-CN') };

/** axe-core's violations on the page as it stands (every rule axe runs by default). */
async function axe(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document));
  assert.ok(result.passes.length > 20, `axe ran only ${result.passes.length} rules`);
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('axe-core finds no violation: empty, filled and error states, both languages, both schemes', async () => {
  const c = cases.find((x) => x.name === 'command-invoke-awkward');
  for (const lang of ['en', 'zh-CN']) {
    for (const colorScheme of ['light', 'dark']) {
      const page = await open('', { ...PREFS, 'rolling-update.lang': lang });
      await page.emulateMedia({ colorScheme });
      const where = `${lang} ${colorScheme}`;
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      assert.equal(await page.locator('#copy').textContent(), TEXTS[lang].copy, where);
      assert.deepEqual(await axe(page), [], `empty, ${where}`);
      await fill(page, c.template, c.payload);
      assert.equal(await page.locator('#blocked').isVisible(), false, where);
      assert.deepEqual(await axe(page), [], `filled, ${where}`);
      await page.fill('[name="batchNumber"]', '0');
      await page.locator('[name="batchNumber"]').blur();
      await page.fill('[name="scalingGroupId"]', '');
      await page.focus('#copy');
      await page.keyboard.press('Enter'); // a copy attempt shows every finding
      assert.ok(await page.locator('.findings li.error').count() >= 2, where);
      assert.deepEqual(await axe(page), [], `error, ${where}`);
      await page.screenshot({ path: join(shots, `web-demo-${lang}-${colorScheme}.png`) });
      await page.close();
    }
  }
});

test('axe-core finds no violation in the replace-instances form: empty, filled and error states, both languages, both schemes', async () => {
  const refresh = core.refreshInfo('en');
  const payload = { scalingGroupId: 'asg-1', imageId: 'm-new', checkpoints: '50, 100' };
  for (const lang of ['en', 'zh-CN']) {
    for (const colorScheme of ['light', 'dark']) {
      const page = await open('', { ...PREFS, 'rolling-update.lang': lang });
      await page.emulateMedia({ colorScheme });
      const where = `refresh ${lang} ${colorScheme}`;
      await page.selectOption('select[name="template"]', refresh.name);
      assert.equal(await page.locator('#mode').isVisible(), false, where);
      assert.deepEqual(await axe(page), [], `empty, ${where}`);
      await page.fill('[name="region"]', REGION);
      await openAdvanced(page);
      for (const [key, value] of Object.entries(payload)) {
        await page.fill(`[name="${key}"]`, value);
        await page.locator(`[name="${key}"]`).blur();
      }
      assert.equal(await page.locator('#blocked').isVisible(), false, where);
      assert.deepEqual(await axe(page), [], `filled, ${where}`);
      await page.fill('[name="checkpoints"]', '50, 90');
      await page.locator('[name="checkpoints"]').blur();
      await page.fill('[name="scalingGroupId"]', '');
      await page.focus('#copy');
      await page.keyboard.press('Enter'); // a copy attempt shows every finding
      assert.ok(await page.locator('.findings li.error').count() >= 2, where);
      assert.deepEqual(await axe(page), [], `error, ${where}`);
      await page.screenshot({ path: join(shots, `web-demo-refresh-${lang}-${colorScheme}.png`), fullPage: true });
      assert.deepEqual(page.errors, [], where);
      await page.close();
    }
  }
});

test('in Chinese, an import error and the plan\'s warnings are the core\'s Chinese', async () => {
  const page = await open('', { ...PREFS, 'rolling-update.lang': 'zh-CN' });
  await paste(page, 'aliyun oos StartExecution --Parameters "$X"', 'bash');
  const status = await page.locator('#import-status').textContent();
  assert.match(status, /^无法导入：`\$` 开始一个展开.*（第 1 行，第 \d+ 列）$/, status);
  await paste(page, '{"a": }', 'json');
  assert.match(await page.locator('#import-status').textContent(), /^无法导入：.*（第 1 行，第 \d+ 列）$/);
  await page.selectOption('select[name="template"]', TEMPLATES[0].name);
  await openAdvanced(page);
  await page.fill('[name="batchNumber"]', '1');
  await page.fill('#instances', '4');
  const want = core.plan(4, 1, 'Automatic', 'zh-CN');
  assert.equal(await page.locator('.plan-warnings li').first().textContent(), want.warnings[0]);
  assert.match(want.warnings[0], /只有一批/);
  assert.ok((await page.locator('#plan-help').textContent()).includes(want.rule));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the greyed defaults (placeholders) and the dimmed command pass WCAG AA in both schemes', async () => {
  const page = await open();
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    const ratios = await page.evaluate(() => {
      const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
      const lum = (c) => {
        const [r, g, b] = rgb(c).map((v) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const ratio = (a, b) => {
        const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
        return (hi + 0.05) / (lo + 0.05);
      };
      const input = document.querySelector('[name="region"]');
      const pre = document.querySelector('#outputs.invalid pre');
      return {
        placeholder: ratio(getComputedStyle(input, '::placeholder').color, getComputedStyle(input).backgroundColor),
        dimmed: ratio(getComputedStyle(pre).color, getComputedStyle(pre).backgroundColor),
        scheme: getComputedStyle(document.documentElement).colorScheme,
      };
    });
    assert.ok(ratios.placeholder >= 4.5, `${colorScheme}: placeholder ${ratios.placeholder.toFixed(2)}:1`);
    assert.ok(ratios.dimmed >= 4.5, `${colorScheme}: dimmed command ${ratios.dimmed.toFixed(2)}:1`);
    assert.equal(ratios.scheme, 'light dark', 'native controls follow the scheme');
  }
  await page.close();
});

test('on a 1366x768 desktop the command is in the first screen and stays there', async () => {
  const page = await open();
  await page.setViewportSize({ width: 1366, height: 768 });
  const top = () => output(page, 'bash').evaluate((e) => e.getBoundingClientRect().top);
  assert.ok(await top() < 768 - 100, `the first command starts at ${await top()}px`);
  const c = cases.find((x) => x.name === 'image-invoke');
  await fill(page, c.template, c.payload);
  await page.locator('#instances').scrollIntoViewIfNeeded(); // the bottom of the form
  const box = await page.locator('#copy').evaluate((e) => {
    const r = e.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom };
  });
  assert.ok(box.top >= 0 && box.bottom <= 768, `Copy at ${JSON.stringify(box)} after scrolling`);
  assert.ok(await top() >= 0 && await top() < 768, 'the command scrolls with the form');
  await page.close();
});

test('on a 390x844 phone the Copy bar is in view at the top and the bottom of the form', async () => {
  const page = await open();
  await page.setViewportSize({ width: 390, height: 844 });
  const inView = () => page.locator('#copy').evaluate((e) => {
    const r = e.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight && r.width > 0;
  });
  assert.equal(await inView(), true, 'at the top');
  await page.locator('#instances').scrollIntoViewIfNeeded();
  assert.equal(await inView(), true, 'further down');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `horizontal overflow ${overflow}px`);
  await page.close();
});

test('findings wait for the reader: none on load or while typing, shown once the field is left', async () => {
  const page = await open();
  assert.equal(await page.locator('.findings li').count(), 0, 'none on first load');
  assert.equal(await page.locator('#blocked').isVisible(), true, 'the count is there');
  assert.equal(await output(page, 'bash').isVisible(), true, 'and the command');
  assert.match(await output(page, 'bash').textContent(), /^aliyun oos StartExecution/);
  await page.click('[name="scalingGroupId"]');
  await page.keyboard.type('sg');
  assert.equal(await page.locator('[data-field="scalingGroupId"]').count(), 0, 'none while typing');
  assert.equal(await page.locator('#summary').textContent(), '', 'nothing spoken while typing');
  await page.keyboard.press('Tab');
  assert.match(await page.locator('#summary').textContent(), /problems? to fix/, 'spoken on leaving');
  assert.equal(await page.locator('[data-key="scalingGroupId"] li.error').count(), 1, 'shown on leaving');
  assert.equal(await page.locator('[data-field="imageId"]').count(), 0, 'an untouched field stays quiet');
  await page.focus('#copy'); // a click on it is refused by playwright: aria-disabled
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('[data-key="imageId"] li.error').count(), 1, 'a copy attempt shows all');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'scalingGroupId', 'and goes to the first');
  const errors = core.validate(TEMPLATES[0].name, { invokeType: 'invoke', scalingGroupId: 'sg' })
    .findings.filter((f) => f.severity === 'error').length;
  assert.match(await page.locator('#summary').textContent(), new RegExp(`^${errors} problems to fix`));
  await page.close();
});

test('the multi-line command is the CLI render laid out, and reads back the same', async () => {
  const c = cases.find((x) => x.name === 'command-invoke-awkward');
  const page = await open('', { 'rolling-update.lang': 'en' });
  await fill(page, c.template, c.payload);
  assert.equal(await page.locator('#one-line').isChecked(), false, 'several lines by default');
  for (const shell of SHELLS) {
    await page.click(`[role="tab"][data-tab="${shell}"]`);
    const want = cliRender(c.template, c.payload, shell, false).text;
    const got = await output(page, shell).textContent();
    assert.equal(got, core.layout(want, shell), shell);
    assert.ok(got.split('\n').length >= 4, `${shell}: ${got}`);
    assert.deepEqual(core.parseCommand(got, shell), core.parseCommand(want, shell), shell);
  }
  await page.check('#one-line');
  assert.equal(await output(page, 'cmd').textContent(), cliRender(c.template, c.payload, 'cmd', false).text);
  await page.close();
});

test('the shell is remembered, and read from a pasted command', async () => {
  const page = await open('', { 'rolling-update.lang': 'en' });
  await page.click('[role="tab"][data-tab="powershell"]');
  await page.close();
  const again = await context.newPage();
  await again.goto(server.url);
  await again.waitForSelector('body[data-ready="true"]');
  assert.equal(await again.locator('[role="tab"][aria-selected="true"]').getAttribute('data-tab'), 'powershell');
  assert.equal(await again.locator('#plugin-shell').inputValue(), 'powershell');
  const c = cases.find((x) => x.name === 'image-invoke');
  const text = core.layout(core.render({ template: c.template.name, parameters: c.payload }, 'cmd'), 'cmd');
  await again.click('details.import summary');
  await again.fill('[name="importText"]', text);
  assert.equal(await again.locator('[name="importShell"]').inputValue(), 'cmd', 'detected');
  await again.click('#import');
  assert.match(await again.locator('#import-status').textContent(), /read as cmd\.exe/);
  assert.equal(await again.locator('[role="tab"][aria-selected="true"]').getAttribute('data-tab'), 'cmd');
  assert.equal(await again.evaluate(() => localStorage.getItem('rolling-update.shell')), 'cmd');
  await again.evaluate(() => localStorage.clear());
  await again.close();
});

test('the language follows the browser, switches with the toggle and is remembered', async () => {
  const zh = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true, args: ['--no-sandbox', '--disable-gpu', '--lang=zh-CN'] });
  const ctx = await zh.newContext({ locale: 'zh-CN' });
  const page = await ctx.newPage();
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.equal(await page.locator('h1').textContent(), TEXTS['zh-CN'].title);
  await page.click('[name="scalingGroupId"]');
  await page.keyboard.press('Tab');
  const finding = await page.locator('[data-key="scalingGroupId"] li.error strong').textContent();
  assert.equal(finding.trim(), TEXTS['zh-CN']['finding.error']);
  // The parameters' labels and descriptions, and the template titles, are the core's in Chinese.
  const zhImage = core.templates('zh-CN')[0];
  const zhGroup = zhImage.params.find((p) => p.key === 'scalingGroupId');
  assert.match(zhGroup.description, /[\u4e00-\u9fff]/, 'the core has it in Chinese');
  assert.ok((await page.locator('#help-scalingGroupId').textContent()).startsWith(zhGroup.description));
  assert.ok((await page.locator('label[for="p-scalingGroupId"]').textContent()).startsWith(zhGroup.label));
  assert.equal(await page.locator('#template-help').textContent(), zhImage.description);
  assert.match(await page.locator('#template-help').textContent(), /[\u4e00-\u9fff]/);
  await page.fill('[name="scalingGroupId"]', 'asg-1');
  await page.selectOption('#lang', 'en');
  assert.equal(await page.locator('h1').textContent(), TEXTS.en.title);
  assert.equal(await page.locator('[name="scalingGroupId"]').inputValue(), 'asg-1', 'values kept');
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.locator('#lang').inputValue(), 'en', 'remembered');
  assert.equal(await page.locator('#copy').textContent(), TEXTS.en.copy);
  await zh.close();
});

test('without JavaScript: the noscript message, in both languages, and no "Loading…"', async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await page.goto(server.url);
  for (const lang of ['en', 'zh-CN']) {
    const message = page.locator(`noscript p[lang="${lang}"], .failure p[lang="${lang}"]`);
    assert.equal(await message.isVisible(), true, lang);
    assert.equal(await message.textContent(), TEXTS[lang]['fail.noscript'], lang);
  }
  assert.equal(await page.locator('#loading').isVisible(), false);
  assert.equal(await page.locator('#form').isVisible(), false);
  await browser.close();
});

test('the batch plan is drawn: a bar per batch, out of service against serving, and the pauses', async () => {
  const page = await open();
  await openAdvanced(page);
  const image = TEMPLATES[0];
  await page.selectOption('select[name="template"]', image.name);
  await openAdvanced(page);
  await page.fill('[name="batchNumber"]', '4');
  const pause = image.params.find((p) => p.key === 'batchPauseOption').choices.at(-1).value;
  await page.selectOption('select[name="batchPauseOption"]', pause);
  await page.fill('#instances', '10');
  const plan = core.plan(10, 4, pause);
  const bars = await page.locator('#plan svg g.batch').evaluateAll((gs) => gs.map((g) => ({
    out: Number(g.querySelector('.bar-out').dataset.instances),
    serving: Number(g.querySelector('.bar-serving').dataset.instances),
    outWidth: Number(g.querySelector('.bar-out').getAttribute('width')),
    pause: g.querySelector('.bar-pause') !== null,
  })));
  assert.equal(bars.length, plan.batches.length);
  plan.batches.forEach((b, i) => {
    assert.equal(bars[i].out, b.instances, `batch ${b.number}`);
    assert.equal(bars[i].serving, 10 - b.instances);
    assert.equal(bars[i].pause, b.pauseAfter);
  });
  const widest = plan.batches.reduce((a, b) => (b.instances > a.instances ? b : a));
  assert.equal(Math.max(...bars.map((b) => b.outWidth)), bars[plan.batches.indexOf(widest)].outWidth);
  assert.equal(await page.locator('#plan svg').getAttribute('role'), 'img');
  assert.equal(await page.locator('script, [src^="http"]').count(), 2, 'no library: only the page\'s scripts');
  await page.close();
});

test('offline after the first visit: the service worker serves the page', async () => {
  const own = await serve(site);
  const page = await context.newPage();
  await page.goto(own.url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload(); // now under the worker's control
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller !== null), true);
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('body[data-ready]');
  assert.equal(await page.locator('body').getAttribute('data-ready'), 'true', 'started offline');
  await page.fill('[name="scalingGroupId"]', 'asg-offline');
  assert.match(await output(page, 'bash').textContent(), /asg-offline/);
  await context.setOffline(false);
  await page.close();
  await own.close();
});

test('opened from a file, or without WebAssembly: a clear message, in the core\'s words', async () => {
  const file = await context.newPage();
  await file.goto(`file://${join(site, 'index.html')}`);
  await file.waitForSelector('body[data-ready="failed"]');
  assert.equal(await file.locator('#loading').textContent(), TEXTS.en['fail.file']);
  assert.equal(await file.locator('#loading').getAttribute('role'), 'alert');
  assert.equal(await file.locator('#form').isVisible(), false);
  await file.close();

  const bare = await context.newPage();
  await bare.addInitScript(() => { delete globalThis.WebAssembly; });
  await bare.goto(server.url);
  await bare.waitForSelector('body[data-ready="failed"]');
  assert.equal(await bare.locator('#loading').textContent(), TEXTS.en['fail.nowasm']);
  await bare.close();

  // A server of its own: no service worker of an earlier test answers for it.
  const own = await serve(site);
  const broken = await context.newPage();
  await broken.route('**/rolling_update_wasm_bg.wasm', (r) => r.fulfill({ status: 404, body: 'gone' }));
  await broken.goto(own.url);
  await broken.waitForSelector('body[data-ready="failed"]');
  const said = await broken.locator('#loading').textContent();
  assert.ok(said.startsWith('The page could not start: '), said);
  assert.ok(said.endsWith('run aliyun rolling-update render in a terminal.'), said);
  await broken.close();
  await own.close();

  // The copies of the texts in index.html (for when the core cannot load) are the core's.
  const html = readFileSync(join(site, 'index.html'), 'utf8');
  for (const lang of ['en', 'zh-CN']) {
    for (const kind of ['noscript', 'file', 'nowasm', 'load', 'timeout', 'script']) {
      const want = `<p lang="${lang}" data-fail="${kind}">${TEXTS[lang][`fail.${kind}`]}</p>`;
      assert.ok(html.includes(want), `index.html lacks ${want}`);
    }
  }
});

test('replace instances: the refresh form writes what render --template refresh prints, and a bad checkpoint is a finding at its field', async () => {
  const refresh = core.refreshInfo('en');
  const payload = { scalingGroupId: 'asg-1', imageId: 'm-new', checkpoints: [50, 100] };
  const asText = (v) => (Array.isArray(v) ? v.join(',') : String(v)); // as a flag takes it
  const page = await open();
  await page.selectOption('select[name="template"]', refresh.name);
  assert.equal(await page.locator('#mode').isVisible(), false, 'a refresh has no mode');
  await page.fill('[name="region"]', REGION);
  await openAdvanced(page);
  for (const [key, value] of Object.entries(payload)) {
    await page.fill(`[name="${key}"]`, asText(value));
    await page.locator(`[name="${key}"]`).blur();
  }
  const flagsOf = (p) => Object.entries(p).map(([k, v]) =>
    `--${refresh.params.find((s) => s.key === k).flag}=${asText(v)}`);
  const cliRefresh = (shell, plugin) => {
    const args = ['render', '--template', 'refresh', '--shell', shell, '--region', REGION,
      ...(plugin ? ['--plugin'] : []), ...flagsOf(payload)];
    const run = spawnSync(cli, args, { encoding: 'utf8' });
    assert.equal(run.status, 0, `${args.join(' ')}: ${run.stderr}`);
    return run.stdout.replace(/\n$/, '');
  };
  for (const shell of SHELLS) {
    await page.click(`[role="tab"][data-tab="${shell}"]`);
    const want = cliRefresh(shell, false);
    assert.match(want, /^aliyun ess StartInstanceRefresh /);
    assert.equal(await output(page, shell).textContent(), want, `refresh ${shell}`);
  }
  await page.click('[role="tab"][data-tab="plugin"]');
  for (const shell of SHELLS) {
    await page.selectOption('#plugin-shell', shell);
    assert.equal(await output(page, 'plugin').textContent(), cliRefresh(shell, true), `refresh plugin ${shell}`);
  }
  await page.click('[role="tab"][data-tab="bash"]');
  assert.equal(await page.locator('#copy').getAttribute('aria-disabled'), 'false');

  await page.fill('[name="checkpoints"]', '50, 90');
  await page.locator('[name="checkpoints"]').blur();
  const want = core.validateRefresh({ ...payload, checkpoints: [50, 90] }, 'en').findings
    .find((f) => f.field === 'checkpoints' && f.severity === 'error');
  assert.ok(want, 'the core finds 50,90 wrong');
  const shown = page.locator('[data-key="checkpoints"] [data-field="checkpoints"]');
  assert.equal(await shown.isVisible(), true);
  assert.ok((await shown.textContent()).includes(want.message));
  assert.equal(await page.locator('[name="checkpoints"]').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#outputs').getAttribute('class'), /invalid/);
  assert.equal(await page.locator('#copy').getAttribute('aria-disabled'), 'true');
  assert.deepEqual(page.errors, []);
  await page.close();
});
