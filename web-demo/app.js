// Wires the page: the core (wasm) decides everything; this module moves values between the
// form, the core and the outputs, and keeps the state in the URL fragment.

import init, * as core from './pkg/rolling_update_wasm.js';
import {
  el, buildFields, applyMode, readPayload, readRaw, writeRaw, textOf, defaultText,
  buildGateFields, readGate, readGateRaw, writeGateRaw, gateRawOf,
} from './form.js';

// One tab per shell the core writes for (filled in main), then the plugin's and the file.
const OUTPUTS = [
  { id: 'plugin', label: 'Plugin command' },
  { id: 'params', label: 'params.json' },
];
const PARAMS_FILE = 'params.json';
// Fragment keys that are not parameter keys.
const PAGE_KEYS = ['template', 'invokeType', 'region', 'useFile', 'pluginShell', 'instances', 'tab'];
const GATE_PREFIX = 'gate.'; // the gate controls' names (form.js), also their URL keys

const $ = (id) => document.getElementById(id);
let templates = [];
let gateFields = [];
let current = null; // the selected template's entry
let lastHash = null;
let downloadUrl = null;
let activeTab = 'bash';
let saveTimer = 0;

function mode() {
  return document.querySelector('[name="invokeType"]:checked')?.value ?? core.invokeTypes()[0].value;
}

function selectTemplate(name) {
  current = templates.find((t) => t.name === name) ?? templates[0];
  $('template').value = current.name;
  $('template-help').textContent = current.description;
  buildFields($('params'), current);
}

function showFindings(findings) {
  for (const list of document.querySelectorAll('.findings')) list.replaceChildren();
  for (const control of document.querySelectorAll('[aria-invalid]')) {
    control.removeAttribute('aria-invalid');
  }
  for (const f of findings) {
    const field = f.field ?? '';
    let list = $(`findings-${field}`);
    if (!list || list.closest('[hidden]')) list = $('findings-general');
    const item = el('li', { class: f.severity, 'data-field': field, 'data-code': f.code });
    item.append(el('strong', {}, f.severity === 'error' ? 'Error: ' : 'Warning: '), f.message);
    if (f.hint) item.append(el('span', { class: 'hint' }, ` Hint: ${f.hint}`));
    list.append(item);
    if (f.severity === 'error') {
      const control = document.querySelector(`[name="${CSS.escape(field)}"]`);
      control?.setAttribute('aria-invalid', 'true');
    }
  }
}

function showOutputs(payload, gate) {
  const command = {
    template: current.name,
    parameters: payload,
    region: $('region').value.trim() || undefined,
    parametersFile: $('use-file').checked ? PARAMS_FILE : undefined,
  };
  for (const { id } of OUTPUTS) {
    const code = document.querySelector(`[data-shell="${id}"], [data-output="${id}"]`);
    code.classList.remove('error');
    try {
      if (id === 'params') code.textContent = `${JSON.stringify(payload, null, 2)}\n`;
      else if (id === 'plugin') code.textContent = core.renderPlugin({ ...command, gate }, $('plugin-shell').value);
      else code.textContent = core.render(command, id);
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

function showPlan(payload) {
  const out = $('plan');
  out.replaceChildren();
  const text = $('instances').value.trim();
  if (!/^\d+$/.test(text) || Number(text) > 100000) {
    out.append(el('p', { class: 'error' }, 'Enter the number of instances (0-100000).'));
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
  const plan = core.plan(Number(text), Math.max(batch.min, Math.min(batchNumber, batch.max)), pause);
  const table = el('table');
  table.append(el('caption', {}, `${plan.batches.length} batches, ${plan.pauses} pauses for approval`));
  const head = el('tr');
  for (const h of ['Batch', 'Instances', 'Out of service', 'Then']) head.append(el('th', { scope: 'col' }, h));
  const thead = el('thead');
  thead.append(head);
  table.append(thead);
  const body = el('tbody');
  for (const b of plan.batches) {
    const row = el('tr');
    row.append(el('th', { scope: 'row' }, String(b.number)), el('td', {}, String(b.instances)),
      el('td', {}, `${b.outOfServicePercent.toFixed(0)}%`),
      el('td', {}, b.pauseAfter ? 'wait for approval' : ''));
    body.append(row);
  }
  table.append(body);
  out.append(table);
  if (plan.warnings.length) {
    // Not findings of the payload (those carry data-field): advice about the split.
    const list = el('ul', { class: 'findings plan-warnings' });
    for (const w of plan.warnings) list.append(el('li', { class: 'warning' }, w));
    out.append(list);
  }
  $('plan-help').textContent = `Uses the form's batchNumber and batchPauseOption. ${plan.rule}.`;
}

function update() {
  const m = mode();
  applyMode($('params'), current, m);
  $('mode-help').textContent =
    core.invokeTypes().find((t) => t.value === m)?.description ?? '';
  const payload = readPayload($('params'), current, m);
  const checked = core.validate(current.name, payload);
  const gate = readGate($('gate'), gateFields);
  const filled = Object.keys(gate).length;
  $('gate-count').textContent = filled ? ` ${filled} set` : '';
  const gateFindings = core.validateGate(gate).map((f) => ({ ...f, field: GATE_PREFIX + f.field }));
  showFindings([...checked.findings, ...gateFindings]);
  $('blocked').hidden = checked.valid;
  $('outputs').hidden = !checked.valid;
  if (checked.valid) showOutputs(payload, gate);
  showPlan(payload);
  // history.replaceState costs milliseconds; write the URL once typing pauses.
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveState, 150);
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

function loadState() {
  const state = new URLSearchParams(location.hash.slice(1));
  selectTemplate(state.get('template') ?? templates[0].name);
  setMode(state.get('invokeType') ?? core.invokeTypes()[0].value);
  $('region').value = state.get('region') ?? '';
  $('use-file').checked = state.get('useFile') === '1';
  $('plugin-shell').value = state.get('pluginShell') ?? 'bash';
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
  selectTab(OUTPUTS.some((o) => o.id === state.get('tab')) ? state.get('tab') : 'bash', false);
  update();
}

function setMode(value) {
  const radio = document.querySelector(`[name="invokeType"][value="${CSS.escape(value)}"]`);
  (radio ?? document.querySelector('[name="invokeType"]')).checked = true;
}

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
}

function buildStatic() {
  buildGateFields($('gate'), gateFields);
  const json = $('import-shell').firstElementChild; // the page's own "JSON" choice stays last
  for (const o of core.shellTitles()) json.before(el('option', { value: o.value }, o.title));
  $('import-shell').value = OUTPUTS[0].id;
  for (const t of templates) $('template').append(el('option', { value: t.name }, `${t.title} (${t.name})`));
  for (const t of core.invokeTypes()) {
    const id = `mode-${t.value}`;
    const wrap = el('span', { class: 'choice' });
    wrap.append(el('input', { type: 'radio', name: 'invokeType', id, value: t.value }),
      el('label', { for: id }, t.value));
    $('mode-choices').append(wrap);
  }
  for (const { id, label } of OUTPUTS) {
    $('tabs').append(el('button', {
      type: 'button', role: 'tab', id: `tab-${id}`, 'data-tab': id, 'aria-controls': `panel-${id}`,
    }, label));
    const panel = el('div', {
      role: 'tabpanel', id: `panel-${id}`, 'data-tab': id, 'aria-labelledby': `tab-${id}`, tabindex: 0,
    });
    if (id === 'plugin') {
      const row = el('div', { class: 'field inline' });
      const select = el('select', { id: 'plugin-shell', name: 'pluginShell' });
      for (const o of core.shellTitles()) select.append(el('option', { value: o.value }, o.title));
      row.append(el('label', { for: 'plugin-shell' }, 'For the shell'), select);
      panel.append(row);
    }
    const attr = id === 'params' ? { 'data-output': id } : { 'data-shell': id };
    panel.append(el('pre', attr));
    $('panels').append(panel);
  }
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
    let note = '';
    if (shell === 'json') {
      parameters = core.parseJson(text);
    } else {
      const parsed = core.parseCommand(text, shell);
      template = parsed.template;
      parameters = parsed.parameters ?? {};
      region = parsed.region ?? '';
      if (parsed.form === 'plugin') gate = gateRawOf(parsed.gate, gateFields);
      if (parsed.parametersFile) {
        note = ` It reads its parameters from ${parsed.parametersFile}: import that file's JSON too.`;
      }
    }
    if (parameters === null || typeof parameters !== 'object' || Array.isArray(parameters)) {
      throw new Error('the parameters must be a JSON object');
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
    update();
    const count = Object.keys(parameters).length;
    status.textContent = `Loaded ${count} parameters into the ${current.shortName} template.${note}`
      + (unknown.length ? ` Not parameters of this template, left out: ${unknown.join(', ')}.` : '');
  } catch (err) {
    status.className = 'error';
    status.textContent = `Could not import: ${err.message}`;
    if (Number.isInteger(err.position)) {
      $('import-text').focus();
      $('import-text').setSelectionRange(err.position, err.position + 1);
    }
  }
}

async function copy() {
  const code = document.querySelector(`#panel-${activeTab} pre`);
  try {
    await navigator.clipboard.writeText(code.textContent);
    $('copied').textContent = 'Copied.';
  } catch {
    getSelection().selectAllChildren(code);
    $('copied').textContent = 'Selected: press Ctrl+C to copy.';
  }
  setTimeout(() => { $('copied').textContent = ''; }, 2000);
}

function wire() {
  $('template').addEventListener('change', () => {
    const raw = readRaw($('params'));
    selectTemplate($('template').value);
    writeRaw($('params'), raw); // keep what the templates share
    update();
  });
  $('form').addEventListener('input', (e) => {
    if (e.target.closest('#import-text, #import-shell, #template')) return;
    update();
  });
  $('form').addEventListener('submit', (e) => e.preventDefault());
  $('tabs').addEventListener('click', (e) => {
    const tab = e.target.closest('[role="tab"]');
    if (tab) { selectTab(tab.dataset.tab, true); saveState(); }
  });
  $('tabs').addEventListener('keydown', (e) => {
    const order = OUTPUTS.map((o) => o.id);
    const at = order.indexOf(activeTab);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: order.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    selectTab(order[(next + order.length) % order.length], true);
    saveState();
  });
  $('copy').addEventListener('click', copy);
  $('download').addEventListener('click', download);
  $('import').addEventListener('click', importText);
  window.addEventListener('pagehide', saveState);
  window.addEventListener('hashchange', () => {
    if (location.hash !== lastHash) loadState();
  });
}

async function main() {
  try {
    await init();
    templates = core.templates();
    OUTPUTS.unshift(...core.shellTitles().map((o) => ({ id: o.value, label: o.title })));
    gateFields = core.gateFields();
    buildStatic();
    wire();
    loadState();
    $('loading').remove();
    $('form').hidden = false;
  } catch (err) {
    $('loading').textContent = `The page could not start: ${err.message}`;
  } finally {
    $('app').removeAttribute('aria-busy');
  }
  document.body.dataset.ready = 'true';
}

main();
