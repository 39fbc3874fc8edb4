// The committed schemas in the two language services editors use: VS Code's JSON language
// service (vscode-json-languageservice) and the YAML language server (yaml-language-server,
// through its languageService API). Samples are generated below from a small table; each
// positive one must give no diagnostic, each negative one a diagnostic at the expected line.
// Snippets are inserted through completion, their placeholders filled, and the result must
// validate in the language service and with the plugin's own `validate`.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const json = require('vscode-json-languageservice');
const yamlLs = require('yaml-language-server');
const { TextDocument } = require('vscode-languageserver-textdocument');

const root = path.resolve(__dirname, '..', '..');
const schemasDir = path.join(root, 'schemas');
const plugin =
  process.env.PLUGIN_BIN || path.join(root, 'target', 'debug', 'aliyun-cli-rolling-update');
/** The committed schema set in `dir` (`schemas/` in English, `schemas/zh-CN/` in Chinese). */
function schemaSet(dir) {
  const updateFile = JSON.parse(
    fs.readFileSync(path.join(dir, 'rolling-update.update-file.schema.json'), 'utf8'),
  );
  // Short name -> schema, from the committed files (the update file's schema names them).
  const list = Object.keys(updateFile.definitions).map((short) => {
    const fullName = updateFile.definitions[short].title;
    const file = path.join(dir, `${fullName}.schema.json`);
    return { short, fullName, schema: JSON.parse(fs.readFileSync(file, 'utf8')) };
  });
  return { updateFile, templates: list };
}
const { updateFile: updateFileSchema, templates } = schemaSet(schemasDir);
const MODES = ['invoke', 'rollback'];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'editors-'));

// --- the two language services, each knowing every schema by file name -------------------

function jsonService(set = { templates, updateFile: updateFileSchema }) {
  const service = json.getLanguageService({
    schemaRequestService: (uri) => Promise.reject(new Error(`no schema download: ${uri}`)),
  });
  service.configure({
    validate: true,
    allowComments: false,
    schemas: [
      ...set.templates.map((t) => ({
        uri: t.schema.$id,
        fileMatch: [`*.${t.short}.json`],
        schema: t.schema,
      })),
      { uri: set.updateFile.$id, fileMatch: ['*.update.json'], schema: set.updateFile },
    ],
  });
  return service;
}

function yamlService(set = { templates, updateFile: updateFileSchema }, folder = '') {
  const service = yamlLs.getLanguageService({
    schemaRequestService: (uri) => Promise.reject(new Error(`no schema download: ${uri}`)),
    workspaceContext: { resolveRelativePath: (relative, resource) => new URL(relative, resource).href },
  });
  service.configure({
    validate: true,
    completion: true,
    hover: true,
    schemas: [
      ...set.templates.map((t) => ({
        uri: `file:///schemas/${folder}${t.fullName}.schema.json`,
        fileMatch: [`*.${t.short}.yaml`],
        schema: t.schema,
      })),
      {
        uri: `file:///schemas/${folder}rolling-update.update-file.schema.json`,
        fileMatch: ['*.update.yaml'],
        schema: set.updateFile,
      },
    ],
  });
  return service;
}

// The YAML server caches a document's parse by its URI and version: each text gets a new URI.
let documents = 0;
const fresh = (uri) => uri.replace('file:///w/', `file:///w/${++documents}/`);

const services = {
  json: {
    service: jsonService(),
    ext: 'json',
    lang: 'json',
    async diagnostics(uri, text) {
      const doc = TextDocument.create(fresh(uri), 'json', 1, text);
      // Schema problems as errors (VS Code's default shows them as warnings).
      return this.service.doValidation(doc, this.service.parseJSONDocument(doc), {
        comments: 'error',
        trailingCommas: 'error',
        schemaValidation: 'error',
        schemaRequest: 'error',
      });
    },
    async complete(uri, text, line, character) {
      const doc = TextDocument.create(fresh(uri), 'json', 1, text);
      const list = await this.service.doComplete(
        doc,
        { line, character },
        this.service.parseJSONDocument(doc),
      );
      return list ? list.items : [];
    },
  },
  yaml: {
    service: yamlService(),
    ext: 'yaml',
    lang: 'yaml',
    async diagnostics(uri, text) {
      return this.service.doValidation(TextDocument.create(fresh(uri), 'yaml', 1, text), false);
    },
    async complete(uri, text, line, character) {
      const doc = TextDocument.create(fresh(uri), 'yaml', 1, text);
      const list = await this.service.doComplete(doc, { line, character }, false);
      return list ? list.items : [];
    },
  },
};

// --- samples --------------------------------------------------------------------------------

/** A snippet text with `${n:text}` replaced by its text, as a user who only tabs through. */
function fillPlaceholders(text) {
  return text
    .replace(/\$\{\d+:((?:\\.|[^}\\])*)\}/g, (_, inner) => inner.replace(/\\(.)/g, '$1'))
    .replace(/\$\{?\d+\}?/g, '');
}

/** A valid payload of a template in a mode: its schema's skeleton with placeholders filled. */
function validPayload(t, mode) {
  const snippet = t.schema.defaultSnippets.find((s) => s.body.invokeType === mode);
  assert.ok(snippet, `${t.short}: a snippet for ${mode}`);
  return JSON.parse(fillPlaceholders(JSON.stringify(snippet.body)));
}

/** One key a line, in JSON or YAML; returns the text and the 0-based line of each key. */
function write(payload, format) {
  const keys = Object.keys(payload);
  const lines = {};
  if (format === 'json') {
    const body = keys.map((k, i) => {
      lines[k] = i + 1;
      return `  ${JSON.stringify(k)}: ${JSON.stringify(payload[k])}${i + 1 < keys.length ? ',' : ''}`;
    });
    return { text: `{\n${body.join('\n')}\n}\n`, lines };
  }
  const body = keys.map((k, i) => {
    lines[k] = i + 1;
    return `${k}: ${JSON.stringify(payload[k])}`;
  });
  return { text: `# a ${format} sample\n${body.join('\n')}\n`, lines };
}

// What each negative sample changes, and which key's line the diagnostic must be on.
const NEGATIVES = [
  {
    name: 'an unknown key',
    change: (p) => ({ ...p, notAParameter: 'x' }),
    at: 'notAParameter',
    code: 'unknown_key',
  },
  {
    name: 'a number as text where a number belongs',
    change: (p) => ({ ...p, batchNumber: 'two' }),
    at: 'batchNumber',
    code: 'wrong_type',
  },
  {
    name: 'a value outside the allowed set',
    change: (p) => ({ ...p, invokeType: 'upgrade' }),
    at: 'invokeType',
    code: 'not_allowed',
  },
];

function pluginValidate(t, file) {
  try {
    return JSON.parse(
      execFileSync(plugin, ['validate', '--template', t.short, '--file', file], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
  } catch (err) {
    if (err.stdout) return JSON.parse(err.stdout);
    throw err;
  }
}

// Errors and warnings: the YAML server reports every schema problem as a warning (severity 2),
// as Red Hat's extension shows it; hints and information do not count.
const errorsOf = (diagnostics) => diagnostics.filter((d) => d.severity === 1 || d.severity === 2);

for (const format of ['json', 'yaml']) {
  const ls = services[format];
  for (const t of templates) {
    for (const mode of MODES) {
      test(`${format}: ${t.short} ${mode}: a valid sample has no diagnostic`, async () => {
        const { text } = write(validPayload(t, mode), format);
        const diagnostics = await ls.diagnostics(`file:///w/p.${t.short}.${ls.ext}`, text);
        assert.deepEqual(errorsOf(diagnostics), [], text);
        const file = path.join(tmp, `ok-${t.short}-${mode}.${ls.ext}`);
        fs.writeFileSync(file, text);
        const out = pluginValidate(t, file);
        assert.equal(out.valid, true, JSON.stringify(out.findings));
      });
      for (const negative of NEGATIVES) {
        test(`${format}: ${t.short} ${mode}: ${negative.name} is flagged at its line`, async () => {
          const { text, lines } = write(negative.change(validPayload(t, mode)), format);
          const diagnostics = errorsOf(
            await ls.diagnostics(`file:///w/n.${t.short}.${ls.ext}`, text),
          );
          const expected = lines[negative.at];
          assert.ok(
            diagnostics.some((d) => d.range.start.line === expected),
            `a diagnostic on line ${expected + 1} of\n${text}\ngot ${JSON.stringify(diagnostics)}`,
          );
          // The plugin finds it too; for YAML, at the same line (1-based there).
          const file = path.join(tmp, `bad-${t.short}-${mode}-${negative.code}.${ls.ext}`);
          fs.writeFileSync(file, text);
          const out = pluginValidate(t, file);
          assert.equal(out.valid, false);
          const finding = out.findings.find((f) => f.pointer === `/${negative.at}`);
          assert.ok(finding, JSON.stringify(out.findings));
          assert.equal(finding.code, negative.code);
          if (format === 'yaml') assert.equal(finding.line, expected + 1);
        });
      }
    }
  }
}

// --- completion -----------------------------------------------------------------------------

const image = templates.find((t) => t.short === 'image');
const docText = (item) =>
  typeof item.documentation === 'string' ? item.documentation : item.documentation?.value ?? '';

test('json: invokeType completes to its values with their descriptions', async () => {
  const text = '{\n  "invokeType": \n}\n';
  const items = await services.json.complete('file:///w/c.image.json', text, 1, 16);
  for (const value of ['invoke', 'rollback']) {
    const item = items.find((i) => i.label === `"${value}"`);
    assert.ok(item, `completion of ${value}: ${items.map((i) => i.label)}`);
    const described = image.schema.properties.invokeType.oneOf.find((c) => c.const === value);
    assert.ok(docText(item).includes(described.description), docText(item));
  }
});

test('yaml: invokeType completes to its values with their descriptions', async () => {
  const text = 'invokeType: \n';
  const items = await services.yaml.complete('file:///w/c.image.yaml', text, 0, 12);
  for (const value of ['invoke', 'rollback']) {
    const item = items.find((i) => i.label === value);
    assert.ok(item, `completion of ${value}: ${items.map((i) => i.label)}`);
    const described = image.schema.properties.invokeType.oneOf.find((c) => c.const === value);
    assert.ok(docText(item).includes(described.description), docText(item));
  }
});

test('yaml: a list item of a lifecycle-state list completes with descriptions', async () => {
  // Any property whose items are described choices (the processes ESS suspends).
  const [key, property] = Object.entries(image.schema.properties).find(
    ([, p]) => p.type === 'array' && p.items && p.items.oneOf,
  );
  const text = `${key}:\n  - \n`;
  const items = await services.yaml.complete('file:///w/l.image.yaml', text, 1, 4);
  for (const choice of property.items.oneOf) {
    const item = items.find((i) => i.label === choice.const);
    assert.ok(item, `${key}: ${choice.const} in ${items.map((i) => i.label)}`);
    assert.ok(docText(item).includes(choice.description), docText(item));
  }
});

// --- snippets -------------------------------------------------------------------------------

for (const format of ['json', 'yaml']) {
  const ls = services[format];
  for (const t of templates) {
    for (const snippet of t.schema.defaultSnippets) {
      test(`${format}: the snippet "${snippet.label}" inserts a valid skeleton`, async () => {
        const uri = `file:///w/s.${t.short}.${ls.ext}`;
        const [text, line, character] = format === 'json' ? ['', 0, 0] : ['', 0, 0];
        const items = await ls.complete(uri, text, line, character);
        const item = items.find((i) => i.label === snippet.label);
        assert.ok(item, `snippet ${snippet.label} offered: ${items.map((i) => i.label)}`);
        const inserted = fillPlaceholders(item.insertText ?? item.textEdit?.newText ?? '');
        const diagnostics = await ls.diagnostics(uri, inserted);
        assert.deepEqual(errorsOf(diagnostics), [], inserted);
        const file = path.join(tmp, `snippet-${t.short}-${snippet.body.invokeType}.${ls.ext}`);
        fs.writeFileSync(file, inserted);
        const out = pluginValidate(t, file);
        assert.equal(out.valid, true, `${inserted}\n${JSON.stringify(out.findings)}`);
      });
    }
  }
}

// --- the update file ------------------------------------------------------------------------

for (const format of ['json', 'yaml']) {
  const ls = services[format];
  test(`${format}: an update file is checked against its template's schema`, async () => {
    const uri = `file:///w/u.update.${ls.ext}`;
    for (const t of templates) {
      const good = { template: t.fullName, parameters: validPayload(t, 'invoke') };
      const goodText =
        format === 'json' ? JSON.stringify(good, null, 2) : `template: ${t.fullName}\nparameters: ${JSON.stringify(good.parameters)}\n`;
      assert.deepEqual(errorsOf(await ls.diagnostics(uri, goodText)), [], goodText);
      const bad = { template: t.short, parameters: { ...good.parameters, notAParameter: 1 } };
      const badText =
        format === 'json' ? JSON.stringify(bad, null, 2) : `template: ${t.short}\nparameters:\n${Object.entries(bad.parameters).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`).join('\n')}\n`;
      const line = badText.split('\n').findIndex((l) => l.includes('notAParameter'));
      const diagnostics = errorsOf(await ls.diagnostics(uri, badText));
      assert.ok(
        diagnostics.some((d) => d.range.start.line === line),
        `${t.short}: a diagnostic on line ${line + 1}: ${JSON.stringify(diagnostics)}`,
      );
    }
    const unknown = format === 'json' ? '{"template": "nope", "parameters": {}}' : 'template: nope\nparameters: {}\n';
    assert.ok(errorsOf(await ls.diagnostics(uri, unknown)).length > 0, 'an unknown template');
  });
}

// --- the Chinese set (schemas/zh-CN/) ----------------------------------------------------------

const chinese = schemaSet(path.join(schemasDir, 'zh-CN'));
const hasChinese = (text) => /[\u4e00-\u9fff]/.test(text);

test('zh-CN: the Chinese set validates what the English set does', async () => {
  const zh = { json: jsonService(chinese), yaml: yamlService(chinese, 'zh-CN/') };
  for (const t of chinese.templates) {
    const good = validPayload(t, 'invoke');
    const bad = { ...good, notAParameter: 1 };
    for (const format of ['json', 'yaml']) {
      const ls = { ...services[format], service: zh[format] };
      const uri = `file:///w/zh.${t.short}.${ls.ext}`;
      assert.deepEqual(errorsOf(await ls.diagnostics(uri, write(good, format).text)), [], t.short);
      const { text: badText, lines } = write(bad, format);
      const line = lines.notAParameter;
      const diagnostics = errorsOf(await ls.diagnostics(uri, badText));
      assert.ok(
        diagnostics.some((d) => d.range.start.line === line),
        `${format} ${t.short}: a diagnostic on line ${line + 1}: ${JSON.stringify(diagnostics)}`,
      );
    }
  }
});

for (const format of ['json', 'yaml']) {
  test(`zh-CN: ${format}: completion shows Chinese descriptions and Chinese snippets`, async () => {
    const service = format === 'json' ? jsonService(chinese) : yamlService(chinese, 'zh-CN/');
    const ls = { ...services[format], service };
    const zhImage = chinese.templates.find((t) => t.short === 'image');
    const [text, line, character] =
      format === 'json' ? ['{\n  "invokeType": \n}\n', 1, 16] : ['invokeType: \n', 0, 12];
    const items = await ls.complete(`file:///w/zc.image.${ls.ext}`, text, line, character);
    for (const choice of zhImage.schema.properties.invokeType.oneOf) {
      const label = format === 'json' ? `"${choice.const}"` : choice.const;
      const item = items.find((i) => i.label === label);
      assert.ok(item, `completion of ${choice.const}: ${items.map((i) => i.label)}`);
      assert.ok(hasChinese(choice.description), choice.description);
      assert.ok(docText(item).includes(choice.description), docText(item));
    }
    const snippets = await ls.complete(`file:///w/zs.image.${ls.ext}`, '', 0, 0);
    for (const snippet of zhImage.schema.defaultSnippets) {
      assert.ok(hasChinese(snippet.label), snippet.label);
      const item = snippets.find((i) => i.label === snippet.label);
      assert.ok(item, `snippet ${snippet.label}: ${snippets.map((i) => i.label)}`);
      const inserted = fillPlaceholders(item.insertText ?? item.textEdit?.newText ?? '');
      const uri = `file:///w/zs.image.${ls.ext}`;
      assert.deepEqual(errorsOf(await ls.diagnostics(uri, inserted)), [], inserted);
    }
  });
}
