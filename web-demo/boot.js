// Runs before the page's module, as a classic script, so that it also runs where the module
// cannot: opened from a file:// URL (browsers load no module or WebAssembly from there), in a
// browser without WebAssembly, or when a file of the page fails to load. In each case it
// replaces "Loading…" with a message that says what happened and what to do, in the reader's
// language (the texts are the core's page.fail.* entries, copied into index.html).
'use strict';

(function boot() {
  var LANG_KEY = 'rolling-update.lang';
  var settled = false;

  function language() {
    var saved = null;
    try { saved = localStorage.getItem(LANG_KEY); } catch (e) { /* storage off */ }
    var tag = saved || navigator.language || 'en';
    return /^zh/i.test(tag) ? 'zh-CN' : 'en';
  }

  function text(kind, args) {
    var lang = language();
    var node = document.querySelector('#failures [data-fail="' + kind + '"][lang="' + lang + '"]');
    var out = node ? node.textContent : kind;
    Object.keys(args || {}).forEach(function (name) { out = out.split('{' + name + '}').join(args[name]); });
    return out;
  }

  /** Shows why the page did not start (once): `kind` is file, nowasm or load. */
  function fail(kind, detail) {
    if (settled) return;
    settled = true;
    var show = function () {
      var loading = document.getElementById('loading');
      var app = document.getElementById('app');
      if (!loading || !app) return;
      var message = kind === 'load' ? text('load', { error: detail }) : text(kind);
      loading.textContent = message;
      loading.className = 'failure';
      loading.setAttribute('role', 'alert');
      loading.dataset.failure = kind;
      document.documentElement.lang = language();
      app.removeAttribute('aria-busy');
      var form = document.getElementById('form');
      if (form) form.hidden = true;
      document.body.dataset.ready = 'failed';
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show);
    else show();
  }

  window.rollingUpdateBoot = {
    fail: fail,
    text: text,
    started: function () { settled = true; },
  };

  if (location.protocol === 'file:') {
    fail('file');
    return;
  }
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    fail('nowasm');
    return;
  }
  // A script or module of the page that fails to load never runs its own error handling.
  window.addEventListener('error', function (event) {
    var target = event.target;
    if (target && target !== window && (target.src || target.href)) {
      fail('load', text('script', { file: String(target.src || target.href).split('/').pop() }));
    }
  }, true);
  setTimeout(function () { if (!settled) fail('load', text('timeout')); }, 20000);
}());
