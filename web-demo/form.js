// The parameter form: built from the core's template table, read into a payload, written back
// from an imported payload. User text only ever reaches the page through .value and
// .textContent. Its texts are the core's (texts.js); the parameters' labels and descriptions
// are the table's.

import { tr } from './texts.js';

/** Creates an element with attributes and text (never HTML). */
export function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The template's default as the text a field would hold ('' when it has none). */
export function defaultText(spec) {
  const d = spec.default;
  if (d === null || d === undefined) return '';
  if (Array.isArray(d)) return d.join(', ');
  return String(d);
}

function helpText(spec) {
  const parts = [spec.description];
  if (spec.choices.length) {
    const list = spec.choices.map((c) => `${c.value} (${c.description})`).join('; ');
    parts.push(tr(spec.kind === 'stringList' ? 'help.any_of' : 'help.one_of', { list }));
  }
  if (spec.min !== null && spec.max !== null) parts.push(tr('help.range', { min: spec.min, max: spec.max }));
  if (spec.idPrefix) parts.push(tr('help.prefix', { prefix: spec.idPrefix }));
  const d = defaultText(spec);
  if (spec.default !== null) parts.push(d === '' ? tr('help.default_empty') : tr('help.default', { value: d }));
  return parts.join(' ');
}

const notSet = (d) => (d ? tr('default', { value: d }) : tr('not_set'));

/** Builds one field per parameter except invokeType (the mode picker holds that one), all in
 * the Advanced part until applyMode puts the required ones first. */
export function buildFields(container, template) {
  const required = container.querySelector('#params-required');
  const advanced = container.querySelector('#params-advanced');
  required.replaceChildren();
  advanced.replaceChildren();
  for (const spec of template.params) {
    if (spec.key === 'invokeType') continue;
    const id = `p-${spec.key}`;
    const wrap = el('div', { class: 'field', 'data-key': spec.key });
    const label = el('label', { for: id }, spec.label);
    label.append(' ', el('code', {}, spec.key));
    const required = el('span', { class: 'required' });
    label.append(required);
    const described = `help-${spec.key} findings-${spec.key}`;
    let control;
    const boolean = spec.kind === 'boolean';
    if ((spec.kind === 'string' && spec.choices.length) || boolean) {
      control = el('select', { id, name: spec.key, 'aria-describedby': described });
      const d = defaultText(spec);
      control.append(el('option', { value: '' }, notSet(d)));
      const values = boolean ? ['true', 'false'] : spec.choices.map((c) => c.value);
      for (const v of values) control.append(el('option', { value: v }, v));
    } else if (spec.kind === 'json') {
      control = el('textarea', { id, name: spec.key, rows: 4, spellcheck: 'false',
        'aria-describedby': described });
    } else if (spec.key.endsWith('Script')) {
      control = el('textarea', { id, name: spec.key, rows: 3, spellcheck: 'false',
        'aria-describedby': described });
    } else {
      control = el('input', { id, name: spec.key, type: 'text', autocomplete: 'off',
        spellcheck: 'false', 'aria-describedby': described,
        inputmode: spec.kind === 'integer' ? 'numeric' : null });
      if (spec.kind === 'integerList') control.placeholder = '';
    }
    if (control.tagName !== 'SELECT') control.placeholder = defaultText(spec);
    const note = el('p', { class: 'note' });
    wrap.append(label, control, el('p', { id: `help-${spec.key}`, class: 'help' }, helpText(spec)),
      note, el('ul', { id: `findings-${spec.key}`, class: 'findings' }));
    advanced.append(wrap);
  }
}

const RELEVANCE_NOTES = { recorded: 'relevance.recorded' };

/** Shows the fields the mode reads, the required ones first and the rest under Advanced (in
 * the table's order in each); answers how many are under Advanced. */
export function applyMode(container, template, mode) {
  const required = container.querySelector('#params-required');
  const advanced = container.querySelector('#params-advanced');
  let more = 0;
  const wanted = new Map([[required, []], [advanced, []]]);
  for (const spec of template.params) {
    const wrap = container.querySelector(`[data-key="${spec.key}"]`);
    if (!wrap) continue;
    const relevance = spec[mode];
    const needed = relevance === 'required' || relevance === 'requiredNonEmpty';
    wrap.hidden = relevance === 'ignored';
    if (!wrap.hidden && !needed) more += 1;
    wanted.get(needed ? required : advanced).push(wrap);
    wrap.querySelector('.required').textContent = needed ? ` ${tr('required')}` : '';
    const note = RELEVANCE_NOTES[relevance];
    wrap.querySelector('.note').textContent = note ? tr(note) : '';
  }
  // Fields move only when the mode changes what is required: moving the field being typed in
  // would take the focus from it.
  for (const [home, wraps] of wanted) {
    const now = [...home.children];
    if (now.length !== wraps.length || now.some((w, i) => w !== wraps[i])) home.append(...wraps);
  }
  return more;
}

function toValue(spec, text) {
  if (spec.kind === 'integer') {
    const t = text.trim();
    // Anything that is not plainly an integer goes to the core as text, so that the core's
    // own message explains it.
    return /^[+-]?\d+$/.test(t) && Number.isSafeInteger(Number(t)) ? Number(t) : text;
  }
  if (spec.kind === 'stringList') {
    return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  }
  if (spec.kind === 'integerList') {
    // Each item that is not plainly an integer goes to the core as text (its finding says so).
    return text.split(',').map((s) => s.trim()).filter((s) => s !== '')
      .map((s) => (/^[+-]?\d+$/.test(s) && Number.isSafeInteger(Number(s)) ? Number(s) : s));
  }
  if (spec.kind === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  if (spec.kind === 'json') {
    // Text that is not JSON goes to the core as text: its message says what the field takes.
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** The payload: invokeType (not for an instance refresh, which has no mode), then every
 * filled field the mode reads, in template order. */
export function readPayload(container, template, mode) {
  const payload = template.refresh ? {} : { invokeType: mode };
  for (const spec of template.params) {
    if (spec.key === 'invokeType' || spec[mode] === 'ignored') continue;
    const control = container.querySelector(`[name="${spec.key}"]`);
    if (!control || control.value === '') continue;
    payload[spec.key] = toValue(spec, control.value);
  }
  return payload;
}

/** The raw text of every field, for the URL. */
export function readRaw(container) {
  const raw = {};
  for (const control of container.querySelectorAll('[name]')) {
    if (control.value !== '') raw[control.name] = control.value;
  }
  return raw;
}

/** Writes raw texts into the fields (unknown names are returned, not written). */
export function writeRaw(container, raw) {
  const unknown = [];
  for (const control of container.querySelectorAll('[name]')) control.value = '';
  for (const [name, text] of Object.entries(raw)) {
    const control = container.querySelector(`[name="${CSS.escape(name)}"]`);
    if (!control) {
      unknown.push(name);
      continue;
    }
    if (control.tagName === 'SELECT' && ![...control.options].some((o) => o.value === text)) {
      // A value the list does not offer: keep it selectable so the core can explain it.
      control.append(el('option', { value: text }, text));
    }
    control.value = text;
  }
  return unknown;
}

/** A payload value as the text its field holds. */
export function textOf(value) {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

// The health-gate options: built from the core's gate field table; their controls are named
// `gate.<key>` so that they never meet a parameter key.

const gateName = (key) => `gate.${key}`;

function gateHelp(field) {
  const parts = [field.description];
  if (field.choices.length) {
    parts.push(tr('help.one_of', { list: field.choices.map((c) => `${c.value} (${c.description})`).join('; ') }));
  }
  if (field.kind === 'duration') parts.push(tr('help.duration'));
  if (field.kind === 'list') parts.push(tr('help.list'));
  if (field.default !== null) parts.push(tr('help.default', { value: field.default }));
  return parts.join(' ');
}

/** Builds one field per gate option (a checkbox for a switch, a list for a choice). */
export function buildGateFields(container, fields) {
  container.replaceChildren();
  for (const field of fields) {
    const name = gateName(field.key);
    const id = `gate-${field.key}`;
    const described = `help-${name} findings-${name}`;
    const wrap = el('div', { class: field.kind === 'switch' ? 'field inline' : 'field', 'data-gate': field.key });
    const label = el('label', { for: id }, field.label);
    label.append(' ', el('code', {}, `--${field.flag}`));
    let control;
    if (field.kind === 'switch') {
      control = el('input', { id, name, type: 'checkbox', 'aria-describedby': described });
    } else if (field.kind === 'choice') {
      control = el('select', { id, name, 'aria-describedby': described });
      control.append(el('option', { value: '' }, notSet(field.default)));
      for (const c of field.choices) control.append(el('option', { value: c.value }, c.value));
    } else {
      control = el('input', { id, name, type: 'text', autocomplete: 'off', spellcheck: 'false',
        'aria-describedby': described, placeholder: field.default ?? '' });
    }
    const help = el('p', { id: `help-${name}`, class: 'help' }, gateHelp(field));
    const findings = el('ul', { id: `findings-${name}`, class: 'findings' });
    if (field.kind === 'switch') wrap.append(control, label, help, findings);
    else wrap.append(label, control, help, findings);
    container.append(wrap);
  }
}

/** The gate options filled in: only the keys given, as the core's validateGate takes them. */
export function readGate(container, fields) {
  const options = {};
  for (const field of fields) {
    const control = container.querySelector(`[name="${CSS.escape(gateName(field.key))}"]`);
    if (field.kind === 'switch') {
      if (control.checked) options[field.key] = true;
    } else if (control.value !== '') {
      // A list keeps its empty items, so that the core can point at them.
      options[field.key] = field.kind === 'list'
        ? control.value.split(',').map((s) => s.trim()) : control.value;
    }
  }
  return options;
}

/** The raw state of the gate controls, for the URL: name -> text ('1' for a ticked switch). */
export function readGateRaw(container) {
  const raw = {};
  for (const control of container.querySelectorAll('[name]')) {
    if (control.type === 'checkbox') {
      if (control.checked) raw[control.name] = '1';
    } else if (control.value !== '') {
      raw[control.name] = control.value;
    }
  }
  return raw;
}

/** Writes raw gate texts back (names that are not gate controls are ignored). */
export function writeGateRaw(container, raw) {
  for (const control of container.querySelectorAll('[name]')) {
    const text = raw[control.name];
    if (control.type === 'checkbox') {
      control.checked = text === '1';
    } else {
      if (control.tagName === 'SELECT' && text !== undefined
          && ![...control.options].some((o) => o.value === text)) {
        control.append(el('option', { value: text }, text)); // the core explains it
      }
      control.value = text ?? '';
    }
  }
}

/** Gate options (as the core reads them from a pasted command) as raw control texts. */
export function gateRawOf(options, fields) {
  const raw = {};
  for (const field of fields) {
    const value = options[field.key];
    if (field.kind === 'switch') {
      if (value === true) raw[gateName(field.key)] = '1';
    } else if (Array.isArray(value)) {
      if (value.length) raw[gateName(field.key)] = value.join(', ');
    } else if (typeof value === 'string') {
      raw[gateName(field.key)] = value;
    }
  }
  return raw;
}
