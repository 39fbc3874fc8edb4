// The parameter form: built from the core's template table, read into a payload, written back
// from an imported payload. User text only ever reaches the page through .value and
// .textContent.

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
    parts.push(spec.kind === 'stringList'
      ? `Comma-separated, any of: ${list}.`
      : `One of: ${list}.`);
  }
  if (spec.min !== null && spec.max !== null) parts.push(`From ${spec.min} to ${spec.max}.`);
  if (spec.idPrefix) parts.push(`Starts with ${spec.idPrefix}.`);
  const d = defaultText(spec);
  if (spec.default !== null) parts.push(d === '' ? 'Default: empty.' : `Default: ${d}.`);
  return parts.join(' ');
}

/** Builds one field per parameter except invokeType (the mode picker holds that one). */
export function buildFields(container, template) {
  container.replaceChildren();
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
      control.append(el('option', { value: '' }, d ? `(default: ${d})` : '(not set)'));
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
    }
    if (control.tagName !== 'SELECT') control.placeholder = defaultText(spec);
    const note = el('p', { class: 'note' });
    wrap.append(label, control, el('p', { id: `help-${spec.key}`, class: 'help' }, helpText(spec)),
      note, el('ul', { id: `findings-${spec.key}`, class: 'findings', 'aria-live': 'polite' }));
    container.append(wrap);
  }
}

const RELEVANCE_NOTES = {
  recorded: 'Not used by this run. OOS keeps it with the execution\'s parameters, and this '
    + 'plugin\'s rollback copies it from there.',
};

/** Shows the fields the mode reads, marks the required ones. */
export function applyMode(container, template, mode) {
  for (const spec of template.params) {
    const wrap = container.querySelector(`[data-key="${spec.key}"]`);
    if (!wrap) continue;
    const relevance = spec[mode];
    wrap.hidden = relevance === 'ignored';
    wrap.querySelector('.required').textContent =
      relevance === 'required' || relevance === 'requiredNonEmpty' ? ' (required)' : '';
    wrap.querySelector('.note').textContent = RELEVANCE_NOTES[relevance] ?? '';
  }
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

/** The payload: invokeType, then every filled field the mode reads, in template order. */
export function readPayload(container, template, mode) {
  const payload = { invokeType: mode };
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
    parts.push(`One of: ${field.choices.map((c) => `${c.value} (${c.description})`).join('; ')}.`);
  }
  if (field.kind === 'duration') parts.push('Seconds, or e.g. 90s, 5m, 1h30m.');
  if (field.kind === 'list') parts.push('Comma-separated.');
  if (field.default !== null) parts.push(`Default: ${field.default}.`);
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
      control.append(el('option', { value: '' }, field.default ? `(default: ${field.default})` : '(not set)'));
      for (const c of field.choices) control.append(el('option', { value: c.value }, c.value));
    } else {
      control = el('input', { id, name, type: 'text', autocomplete: 'off', spellcheck: 'false',
        'aria-describedby': described, placeholder: field.default ?? '' });
    }
    const help = el('p', { id: `help-${name}`, class: 'help' }, gateHelp(field));
    const findings = el('ul', { id: `findings-${name}`, class: 'findings', 'aria-live': 'polite' });
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
