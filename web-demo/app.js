// Wires the page: the core (wasm) decides everything; this module moves values between the
// form, the core and the outputs, keeps the state in the URL fragment and the reader's
// preferences (language, shell, one line) in localStorage.

import init, * as core from './pkg/rolling_update_wasm.js';
import {
  el, buildFields, applyMode, readPayload, readRaw, writeRaw, textOf, defaultText,
  buildGateFields, readGate, readGateRaw, writeGateRaw, gateRawOf,
} from './form.js';
import { drawPlan } from './plan.js';
import { LANG_KEY, applyTexts, language, recall, remember, setLanguage, tr } from './texts.js';

const SHELL_KEY = 'rolling-update.shell';
const ONE_LINE_KEY = 'rolling-update.oneLine';
const PARAMS_FILE = 'params.json';
// Fragment keys that are not parameter keys.
const PAGE_KEYS = ['template', 'invokeType', 'region', 'useFile', 'pluginShell', 'instances', 'tab'];
const GATE_PREFIX = 'gate.'; // the gate controls' names (form.js), also their URL keys
const IDLE_MS = 1500; // typing paused this long: the spoken summary is brought up to date

const $ = (id) => document.getElementById(id);
let outputs = []; // one tab per shell the core writes for, then the plugin's and the file
let shells = [];
let templates = [];
let gateFields = [];
let current = null; // the selected template's entry
let lastHash = null;
let downloadUrl = null;
let activeTab = 'bash';
let saveTimer = 0;
let idleTimer = 0;
// Findings show at a field once the reader has left it (or tried to copy): never before.
const touched = new Set();
let attempted = false;
let problems = 0; // errors that stop the active output from being copied

function mode() {
  return document.querySelector('[name="invokeType"]:checked')?.value ?? core.invokeTypes()[0].value;
}

/** The six templates, then the instance refresh (replace instances), in the page's language. */
function loadTemplates() {
  templates = [...core.templates(language()), core.refreshInfo(language())];
}

function selectTemplate(name) {
  current = templates.find((t) => t.name === name || t.shortName === name) ?? templates[0];
  $('template').value = current.name;
  $('template-help').textContent = current.description;
  $('mode').hidden = Boolean(current.refresh); // a refresh has no mode
  buildFields($('params'), current);
}

/** The core's findings about the form's payload, a template's or a refresh's. */
function check(payload) {
  if (current.refresh) return core.validateRefresh(payload, language());
  return core.validate(current.name, payload, language());
}

/** A command for one shell: the refresh's StartInstanceRefresh or plugin form, else a
 * template's. */
function renderFor(id, command, gate, shell) {
  if (current.refresh) {
    const input = { parameters: command.parameters, region: command.region };
    return id === 'plugin'
      ? core.renderRefreshPlugin(input, shell, language())
      : core.renderRefresh(input, shell, language());
  }
  return id === 'plugin' ? core.renderPlugin({ ...command, gate }, shell, language()) : core.render(command, shell);
}

const shown = (field) => attempted || (field === '' ? touched.size > 0 : touched.has(field));

function showFindings(findings) {
  for (const list of document.querySelectorAll('.findings:not(.plan-warnings)')) list.replaceChildren();
  for (const control of document.querySelectorAll('[aria-invalid]')) {
    control.removeAttribute('aria-invalid');
  }
  for (const f of findings.filter((x) => shown(x.field ?? ''))) {
    const field = f.field ?? '';
    let list = $(`findings-${field}`);
    if (!list || list.closest('[hidden]')) list = $('findings-general');
    const item = el('li', { class: f.severity, 'data-field': field, 'data-code': f.code });
    item.append(el('strong', {}, `${tr(f.severity === 'error' ? 'finding.error' : 'finding.warning')} `), f.message);
    if (f.hint) item.append(el('span', { class: 'hint' }, ` ${tr('finding.hint')} ${f.hint}`));
    list.append(item);
    if (f.severity === 'error') {
      const control = document.querySelector(`[name="${CSS.escape(field)}"]`);
      control?.setAttribute('aria-invalid', 'true');
    }
  }
}

function oneLine() {
  return $('one-line').checked;
}

function showOutputs(payload, gate) {
  const command = {
    template: current.name,
    parameters: payload,
    region: $('region').value.trim() || undefined,
    parametersFile: $('use-file').checked ? PARAMS_FILE : undefined,
  };
  for (const { id } of outputs) {
    const code = document.querySelector(`[data-shell="${id}"], [data-output="${id}"]`);
    code.classList.remove('error');
    try {
      if (id === 'params') {
        code.textContent = `${JSON.stringify(payload, null, 2)}\n`;
        continue;
      }
      const shell = id === 'plugin' ? $('plugin-shell').value : id;
      const text = renderFor(id, command, gate, shell);
      code.textContent = oneLine() ? text : core.layout(text, shell);
      code.classList.toggle('lines', !oneLine());
    } catch (err) {
      code.textContent = err.message;
      code.classList.add('error');
    }
  }
}

// The file is made when asked for: a Blob URL per keystroke costs more than a frame allows.
function download() {
  if (downloadUrl) URL.revokeObjectURL(downloadUrl);
  const json = document.querySelector('[data-output="params"]').textContent;
  downloadUrl = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  $('download').href = downloadUrl;
}

function planTable(plan) {
  const table = el('table');
  table.append(el('caption', {}, tr('plan.caption', { batches: plan.batches.length, pauses: plan.pauses })));
  const head = el('tr');
  for (const h of ['plan.batch', 'plan.count', 'plan.out', 'plan.then']) head.append(el('th', { scope: 'col' }, tr(h)));
  const thead = el('thead');
  thead.append(head);
  const body = el('tbody');
  for (const b of plan.batches) {
    const row = el('tr');
    row.append(el('th', { scope: 'row' }, String(b.number)), el('td', {}, String(b.instances)),
      el('td', {}, `${b.outOfServicePercent.toFixed(0)}%`),
      el('td', {}, b.pauseAfter ? tr('plan.wait') : ''));
    body.append(row);
  }
  table.append(thead, body);
  return table;
}

function showPlan(payload) {
  const out = $('plan');
  out.replaceChildren();
  if (current.refresh) return showRefreshPlan(out, payload);
  const text = $('instances').value.trim();
  if (!/^\d+$/.test(text) || Number(text) > 100000) {
    out.append(el('p', { class: 'error' }, tr('plan.bad')));
    return;
  }
  // The range, the default and the choices are the core's; a value outside them plans with
  // the nearest the template allows (its finding says what is wrong).
  const spec = (key) => current.params.find((p) => p.key === key);
  const batch = spec('batchNumber');
  const batchNumber = Number.isInteger(payload.batchNumber) ? payload.batchNumber : batch.default;
  const pauseSpec = spec('batchPauseOption');
  const pause = pauseSpec.choices.some((c) => c.value === payload.batchPauseOption)
    ? payload.batchPauseOption : defaultText(pauseSpec);
  const plan = core.plan(Number(text), Math.max(batch.min, Math.min(batchNumber, batch.max)), pause, language());
  out.append(drawPlan(plan, Number(text)), planTable(plan));
  if (plan.warnings.length) {
    // Not findings of the payload (those carry data-field): advice about the split.
    const list = el('ul', { class: 'findings plan-warnings' });
    for (const w of plan.warnings) list.append(el('li', { class: 'warning' }, w));
    out.append(list);
  }
  $('plan-help').textContent = tr('plan.help', { rule: plan.rule });
}

/** A refresh's plan, as a table of its batches (the core's; none while a finding stands). */
function showRefreshPlan(out, payload) {
  const text = $('instances').value.trim();
  if (!/^\d+$/.test(text) || Number(text) > 100000) {
    out.append(el('p', { class: 'error' }, tr('plan.bad')));
    return;
  }
  let plan;
  try {
    plan = core.refreshPlan(payload, Number(text), language());
  } catch {
    return; // the finding at its field says what to fix
  }
  const batches = plan.batches.map((instances, i) => ({
    number: i + 1, instances, outOfServicePercent: (100 * plan.outOfService) / plan.instances || 0,
    pauseAfter: plan.checkpoints.some((c) => c.afterInstances === plan.batches.slice(0, i + 1).reduce((a, b) => a + b, 0)),
  }));
  out.append(planTable({ batches, pauses: batches.filter((b) => b.pauseAfter).length }));
  $('plan-help').textContent = plan.assumption;
}

function problemText(count) {
  return count === 1 ? tr('problems.one') : tr('problems.many', { count });
}

/** Marks the command as not ready while errors stand: dimmed, counted, Copy turned off. */
function showProblems(paramErrors, gateErrors) {
  problems = paramErrors + (activeTab === 'plugin' ? gateErrors : 0);
  $('outputs').classList.toggle('invalid', problems > 0);
  $('blocked').hidden = problems === 0;
  $('blocked').textContent = problems ? problemText(problems) : '';
  $('copy').setAttribute('aria-disabled', String(problems > 0));
}

function update() {
  const m = mode();
  $('advanced-summary').textContent = tr('advanced', { count: applyMode($('params'), current, m) });
  $('mode-help').textContent = core.invokeTypes().find((t) => t.value === m)?.description ?? '';
  const payload = readPayload($('params'), current, m);
  const checked = check(payload);
  const gate = readGate($('gate'), gateFields);
  const filled = Object.keys(gate).length;
  $('gate-count').textContent = filled ? ` ${tr('gate.count', { count: filled })}` : '';
  const gateFindings = core.validateGate(gate, language()).map((f) => ({ ...f, field: GATE_PREFIX + f.field }));
  const all = [...checked.findings, ...gateFindings];
  showFindings(all);
  const errors = (list) => list.filter((f) => f.severity === 'error').length;
  showProblems(errors(checked.findings), errors(gateFindings));
  showOutputs(payload, gate);
  showPlan(payload);
  // history.replaceState costs milliseconds; write the URL once typing pauses.
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveState, 150);
}

/** The one spoken summary: how many problems, or that the command is ready. */
function announce(extra = '') {
  clearTimeout(idleTimer);
  const title = shells.find((s) => s.value === (activeTab === 'plugin' ? $('plugin-shell').value : activeTab));
  const state = problems ? problemText(problems) : tr('ready', { shell: title?.title ?? activeTab });
  $('summary').textContent = extra ? `${extra} ${state}` : state;
}

function saveState() {
  clearTimeout(saveTimer);
  const state = new URLSearchParams();
  state.set('template', current.name);
  state.set('invokeType', mode());
  if ($('region').value) state.set('region', $('region').value);
  if ($('use-file').checked) state.set('useFile', '1');
  if ($('plugin-shell').value !== 'bash') state.set('pluginShell', $('plugin-shell').value);
  if ($('instances').value !== '10') state.set('instances', $('instances').value);
  if (activeTab !== 'bash') state.set('tab', activeTab);
  for (const [key, text] of Object.entries(readRaw($('params')))) state.set(key, text);
  for (const [key, text] of Object.entries(readGateRaw($('gate')))) state.set(key, text);
  const hash = `#${state.toString()}`;
  if (hash !== location.hash) history.replaceState(null, '', hash);
  lastHash = location.hash;
}

/** Fields that hold a value (from a link or an import) count as left: their findings show. */
function touchFilled() {
  const raw = { ...readRaw($('params')), ...readGateRaw($('gate')) };
  for (const name of Object.keys(raw)) touched.add(name);
  const advanced = [...$('params-advanced').querySelectorAll('[name]')].some((c) => c.value !== '');
  if (advanced) $('advanced').open = true;
}

function loadState() {
  const state = new URLSearchParams(location.hash.slice(1));
  selectTemplate(state.get('template') ?? templates[0].name);
  setMode(state.get('invokeType') ?? core.invokeTypes()[0].value);
  $('region').value = state.get('region') ?? '';
  $('use-file').checked = state.get('useFile') === '1';
  const remembered = recall(SHELL_KEY);
  const known = (id) => outputs.some((o) => o.id === id);
  $('plugin-shell').value = state.get('pluginShell')
    ?? (shells.some((s) => s.value === remembered) ? remembered : 'bash');
  $('instances').value = state.get('instances') ?? '10';
  const raw = {};
  const gate = {};
  for (const [key, text] of state) {
    if (key.startsWith(GATE_PREFIX)) gate[key] = text;
    else if (!PAGE_KEYS.includes(key)) raw[key] = text;
  }
  writeRaw($('params'), raw);
  writeGateRaw($('gate'), gate);
  if (Object.keys(gate).length) $('gate-box').open = true;
  touchFilled();
  const tab = state.get('tab');
  selectTab(known(tab) ? tab : (known(remembered) ? remembered : 'bash'), false);
  update();
}

function setMode(value) {
  const radio = document.querySelector(`[name="invokeType"][value="${CSS.escape(value)}"]`);
  (radio ?? document.querySelector('[name="invokeType"]')).checked = true;
}

/** Shows output `id`; a shell chosen is remembered, and the plugin's command follows it. */
function selectTab(id, focus) {
  activeTab = id;
  for (const tab of document.querySelectorAll('[role="tab"]')) {
    const on = tab.dataset.tab === id;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    if (on && focus) tab.focus();
  }
  for (const panel of document.querySelectorAll('[role="tabpanel"]')) {
    panel.hidden = panel.dataset.tab !== id;
  }
  if (focus && shells.some((s) => s.value === id)) {
    remember(SHELL_KEY, id);
    $('plugin-shell').value = id;
  }
}

function buildOutputs() {
  $('tabs').replaceChildren();
  $('panels').replaceChildren();
  for (const { id, label } of outputs) {
    $('tabs').append(el('button', {
      type: 'button', role: 'tab', id: `tab-${id}`, 'data-tab': id, 'aria-controls': `panel-${id}`,
    }, label));
    const panel = el('div', {
      role: 'tabpanel', id: `panel-${id}`, 'data-tab': id, 'aria-labelledby': `tab-${id}`,
    });
    if (id === 'plugin') {
      const row = el('div', { class: 'field inline' });
      const select = el('select', { id: 'plugin-shell', name: 'pluginShell' });
      for (const o of shells) select.append(el('option', { value: o.value }, o.title));
      row.append(el('label', { for: 'plugin-shell' }, tr('plugin_shell')), select);
      panel.append(row);
    }
    const attr = id === 'params' ? { 'data-output': id } : { 'data-shell': id };
    // The command is what the panel holds, and it may scroll sideways: it takes the focus.
    panel.append(el('pre', { ...attr, tabindex: 0 }));
    $('panels').append(panel);
  }
}

/** Builds everything that holds a text, in the language in use (again when it changes). */
function buildStatic() {
  applyTexts();
  outputs = [...shells.map((o) => ({ id: o.value, label: o.title })),
    { id: 'plugin', label: tr('tab.plugin') }, { id: 'params', label: tr('tab.params') }];
  gateFields = core.gateFields(language());
  buildGateFields($('gate'), gateFields);
  const importShell = $('import-shell');
  const json = importShell.querySelector('[value="json"]'); // the page's own choice stays last
  for (const o of [...importShell.options]) if (o !== json) o.remove();
  for (const o of shells) json.before(el('option', { value: o.value }, o.title));
  importShell.value = outputs[0].id;
  $('template').replaceChildren();
  for (const t of templates) $('template').append(el('option', { value: t.name }, `${t.title} (${t.name})`));
  $('mode-choices').replaceChildren();
  for (const t of core.invokeTypes()) {
    const id = `mode-${t.value}`;
    const wrap = el('span', { class: 'choice' });
    wrap.append(el('input', { type: 'radio', name: 'invokeType', id, value: t.value }),
      el('label', { for: id }, t.value));
    $('mode-choices').append(wrap);
  }
  buildOutputs();
}

function importText() {
  const text = $('import-text').value;
  const shell = $('import-shell').value;
  const status = $('import-status');
  status.className = '';
  try {
    let parameters;
    let template = current.name;
    let region = $('region').value;
    let gate = null; // a pasted plugin command's gate options replace the form's
    const notes = [];
    if (shell === 'json') {
      parameters = core.parseJson(text, language());
    } else {
      const parsed = core.parseCommand(text, shell, language());
      template = parsed.template;
      parameters = parsed.parameters ?? {};
      region = parsed.region ?? '';
      if (parsed.form === 'plugin') gate = gateRawOf(parsed.gate, gateFields);
      if (parsed.parametersFile) notes.push(tr('import.file_note', { file: parsed.parametersFile }));
    }
    if (parameters === null || typeof parameters !== 'object' || Array.isArray(parameters)) {
      throw new Error(tr('import.not_object'));
    }
    selectTemplate(template);
    setMode(typeof parameters.invokeType === 'string' ? parameters.invokeType : core.invokeTypes()[0].value);
    $('region').value = region;
    const raw = {};
    for (const [key, value] of Object.entries(parameters)) {
      if (key !== 'invokeType' && key !== '$schema') raw[key] = textOf(value);
    }
    const unknown = writeRaw($('params'), raw);
    if (gate) {
      writeGateRaw($('gate'), gate);
      if (Object.keys(gate).length) $('gate-box').open = true;
    }
    touchFilled();
    if (shell !== 'json') {
      // The shell the command was written for is the reader's: show and remember it.
      remember(SHELL_KEY, shell);
      $('plugin-shell').value = shell;
      if (activeTab !== 'params') selectTab(activeTab === 'plugin' ? 'plugin' : shell, false);
    }
    update();
    const count = Object.keys(parameters).length;
    const title = shells.find((s) => s.value === shell)?.title;
    const loaded = shell === 'json'
      ? tr('import.loaded_json', { count, template: current.shortName })
      : tr('import.loaded', { count, template: current.shortName, shell: title });
    if (unknown.length) notes.push(tr('import.unknown', { keys: unknown.join(', ') }));
    status.textContent = [loaded, ...notes].join(' ');
    announce(status.textContent);
  } catch (err) {
    status.className = 'error';
    status.textContent = tr('import.failed', { error: err.message });
    announce(status.textContent);
    if (Number.isInteger(err.position)) {
      $('import-text').focus();
      $('import-text').setSelectionRange(err.position, err.position + 1);
    }
  }
}

async function main() {
  try {
    await init();
    setLanguage(null);
    loadTemplates();
    shells = core.shellTitles();
    gateFields = core.gateFields(language());
    $('one-line').checked = recall(ONE_LINE_KEY) === '1';
    $('lang').value = language();
    buildStatic();
    wire();
    loadState();
    window.rollingUpdateBoot?.started();
    $('loading').remove();
    $('form').hidden = false;
    document.querySelector('.lang').hidden = false;
    $('app').removeAttribute('aria-busy');
    document.body.dataset.ready = 'true';
  } catch (err) {
    const boot = window.rollingUpdateBoot;
    if (typeof WebAssembly !== 'object') boot?.fail('nowasm');
    else boot?.fail('load', err.message);
  }
  if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
    navigator.serviceWorker.register('sw.js').catch(() => {
      // No offline copy (a private window, storage off): the page works online as before.
    });
  }
}

/** Switches the page's language, keeping every value. */
function switchLanguage(tag) {
  saveState();
  remember(LANG_KEY, tag);
  setLanguage(tag);
  loadTemplates();
  buildStatic();
  loadState();
}

async function copy() {
  if (problems > 0) {
    // A copy attempt shows every finding and goes to the first field to fix.
    attempted = true;
    update();
    const first = document.querySelector('[aria-invalid="true"]');
    if (first?.closest('#advanced')) $('advanced').open = true;
    if (first?.closest('#gate-box')) $('gate-box').open = true;
    first?.focus();
    announce();
    return;
  }
  const code = document.querySelector(`#panel-${activeTab} pre`);
  try {
    await navigator.clipboard.writeText(code.textContent);
    $('copied').textContent = tr('copied');
  } catch {
    getSelection().selectAllChildren(code);
    $('copied').textContent = tr('selected');
  }
  announce($('copied').textContent);
  setTimeout(() => { $('copied').textContent = ''; }, 2000);
}

/** A pasted command's shell, read from its line continuations (JSON from its first brace). */
function detectShell() {
  const text = $('import-text').value;
  const found = text.trimStart().startsWith('{') ? 'json' : core.shellOf(text);
  if (found) $('import-shell').value = found;
}

// Controls of the page itself: leaving them shows no finding.
const PAGE_CONTROLS = new Set(['importText', 'importShell', 'lang', 'oneLine', 'pluginShell']);

function leave(e) {
  const name = e.target.name;
  if (!name || PAGE_CONTROLS.has(name)) return;
  if (!touched.has(name)) {
    touched.add(name);
    update();
  }
  announce();
}

function onInput(e) {
  if (e.target.closest('#import-text, #import-shell, #template, #lang')) return;
  update();
  clearTimeout(idleTimer);
  idleTimer = setTimeout(announce, IDLE_MS);
}

function onTabKey(e) {
  const order = outputs.map((o) => o.id);
  const at = order.indexOf(activeTab);
  const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: order.length - 1 }[e.key];
  if (next === undefined) return;
  e.preventDefault();
  selectTab(order[(next + order.length) % order.length], true);
  update();
  saveState();
}

function wire() {
  $('template').addEventListener('change', () => {
    const raw = readRaw($('params'));
    selectTemplate($('template').value);
    writeRaw($('params'), raw); // keep what the templates share
    update();
  });
  $('form').addEventListener('input', onInput);
  $('form').addEventListener('focusout', leave);
  $('form').addEventListener('change', (e) => {
    if (e.target.id === 'plugin-shell') remember(SHELL_KEY, e.target.value);
    if (e.target.id === 'one-line') {
      remember(ONE_LINE_KEY, e.target.checked ? '1' : null);
      update();
    }
    leave(e);
  });
  $('import-text').addEventListener('input', detectShell);
  $('lang').addEventListener('change', () => switchLanguage($('lang').value));
  $('form').addEventListener('submit', (e) => e.preventDefault());
  $('tabs').addEventListener('click', (e) => {
    const tab = e.target.closest('[role="tab"]');
    if (!tab) return;
    selectTab(tab.dataset.tab, true);
    update();
    saveState();
  });
  $('tabs').addEventListener('keydown', onTabKey);
  $('copy').addEventListener('click', copy);
  $('download').addEventListener('click', download);
  $('import').addEventListener('click', importText);
  window.addEventListener('pagehide', saveState);
  window.addEventListener('hashchange', () => {
    if (location.hash !== lastHash) loadState();
  });
}

main();
