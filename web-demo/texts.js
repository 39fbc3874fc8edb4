// The page's languages: its interface texts are the core's page.* entries (core.texts), in the
// language the reader chose (remembered) or their browser's; English otherwise.

import * as core from './pkg/rolling_update_wasm.js';

export const LANG_KEY = 'rolling-update.lang';
let table = {};
let lang = 'en';

function saved(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage turned off: nothing is remembered
  }
}

/** Stores a preference; a browser with storage off simply forgets it. */
export function remember(key, value) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // nothing to do: the preference lasts for this visit only
  }
}

/** The remembered preference `key`, or null. */
export const recall = saved;

/** Picks the language: `tag`, else the remembered one, else the browser's. */
export function setLanguage(tag) {
  lang = core.languageOf(tag ?? saved(LANG_KEY) ?? navigator.language ?? 'en');
  table = core.texts(lang);
  document.documentElement.lang = lang;
}

/** The language in use (`en` or `zh-CN`). */
export const language = () => lang;

/** The page text `key` (without `page.`), its `{placeholders}` filled from `args`. */
export function tr(key, args = {}) {
  const text = table[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in args ? String(args[name]) : whole));
}

/** Writes the texts of every element marked `data-text` / `data-placeholder`. */
export function applyTexts(root = document) {
  for (const node of root.querySelectorAll('[data-text]')) node.textContent = tr(node.dataset.text);
  for (const node of root.querySelectorAll('[data-placeholder]')) {
    node.placeholder = tr(node.dataset.placeholder);
  }
  document.title = tr('title');
}
