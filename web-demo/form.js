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
    if (spec.kind === 'string' && spec.choices.length) {
      control = el('select', { id, name: spec.key, 'aria-describedby': described });
      const d = defaultText(spec);
      control.append(el('option', { value: '' }, d ? `(default: ${d})` : '(not set)'));
      for (const c of spec.choices) control.append(el('option', { value: c.value }, c.value));
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
  recorded: 'Not used by this run: recorded so that a later rollback can find it.',
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
