// The wasm API under Node: every export, loaded from a `wasm-bindgen --target nodejs` build
// (web-demo/build.sh --nodejs web-demo/tests/pkg-node, or WASM_NODE_PKG=dir).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = resolve(process.env.WASM_NODE_PKG ?? join(here, 'pkg-node'));
const core = createRequire(import.meta.url)(join(pkg, 'rolling_update_wasm.js'));
const seedDir = join(here, '..', '..', 'tests', 'fixtures', 'seed');
const seeds = readdirSync(seedDir).filter((f) => f.endsWith('.json')).map((f) => {
  const name = f.replace(/\.json$/, '');
  return {
    name,
    template: name.split('-')[0],
    payload: JSON.parse(readFileSync(join(seedDir, f), 'utf8')),
    command: readFileSync(join(seedDir, `${name}.command.txt`), 'utf8'),
  };
});

const FULL = {
  image: 'ACS-ESS-RollingUpdateByReplaceSystemDiskInScalingGroup',
  command: 'ACS-ESS-RollingUpdateByRunCommandInScalingGroup',
  package: 'ACS-ESS-RollingUpdateByConfigureOOSPackage',
  file: 'ACS-ESS-RollingUpdateByDownloadFileAndRunCommand',
  'oss-file': 'ACS-ESS-RollingUpdateByDownloadOSSFileAndRunCommand',
  container: 'ACS-ESS-RollingUpdateByUpdateContainerGroup',
};

test('the six seed cases are present', () => {
  assert.equal(seeds.length, 6);
});

test('templates: six, with the metadata a form needs', () => {
  const all = core.templates();
  assert.deepEqual(all.map((t) => t.shortName), Object.keys(FULL));
  assert.deepEqual(all.map((t) => t.name), Object.values(FULL));
  for (const t of all) {
    assert.ok(t.title && t.description, `${t.shortName}: title and description`);
    assert.equal(t.params[0].key, 'invokeType', `${t.shortName}: invokeType first`);
    for (const p of t.params) {
      for (const field of ['key', 'flag', 'label', 'description', 'kind', 'invoke', 'rollback']) {
        assert.ok(p[field], `${t.shortName}.${p.key}: ${field}`);
      }
      assert.ok(Array.isArray(p.choices), `${t.shortName}.${p.key}: choices`);
      assert.ok('default' in p && 'min' in p && 'max' in p && 'idPrefix' in p);
    }
  }
  const image = all[0].params;
  const batch = image.find((p) => p.key === 'batchNumber');
  assert.deepEqual([batch.kind, batch.default, batch.min, batch.max], ['integer', 5, 1, 100]);
  const enter = image.find((p) => p.key === 'enterProcess');
  assert.equal(enter.kind, 'stringList');
  assert.ok(enter.choices.some((c) => c.value === 'ScaleIn' && c.description));
  const source = image.find((p) => p.key === 'sourceImageId');
  assert.deepEqual([source.invoke, source.rollback], ['recorded', 'requiredNonEmpty']);
  assert.equal(image.find((p) => p.key === 'scalingGroupId').idPrefix, 'asg-');
  assert.equal(image.find((p) => p.key === 'invokeType').default, null);
  const file = all.find((t) => t.shortName === 'file').params;
  const save = file.find((p) => p.key === 'whetherSaveToFile');
  assert.deepEqual([save.kind, save.default], ['boolean', true]);
  assert.equal(file.find((p) => p.key === 'OOSAssumeRole').default, 'OOSServiceRole');
  assert.ok(!file.some((p) => p.key === 'lifecycleState'), 'file has no lifecycleState');
  const eci = all.find((t) => t.shortName === 'container').params;
  const containers = eci.find((p) => p.key === 'containerConfigure');
  assert.deepEqual([containers.kind, containers.default], ['json', null]);
  assert.deepEqual(eci.find((p) => p.key === 'sourceContainerConfigure').default, {});
});

test('invokeTypes: invoke and rollback, described', () => {
  const modes = core.invokeTypes();
  assert.deepEqual(modes.map((m) => m.value), ['invoke', 'rollback']);
  assert.ok(modes.every((m) => m.description));
});

// No schema export: the page never shows a schema, and leaving the generator out keeps the
// page's download within its budget. Editors read the committed files in schemas/.
test('the page module exports no schema generator', () => {
  assert.equal(core.schema, undefined);
});

test('validate: seeds have no error; findings carry pointer, field and message', () => {
  for (const seed of seeds) {
    const checked = core.validate(seed.template, seed.payload);
    assert.equal(checked.valid, true, `${seed.name}: ${JSON.stringify(checked.findings)}`);
    assert.ok(checked.parameters.scalingGroupId, `${seed.name}: typed parameters written back`);
  }
  const bad = core.validate('image', {
    invokeType: 'invoke', scalingGroupId: 'asg-x', imageId: 'm-1', batchNumber: 0,
  });
  assert.equal(bad.valid, false);
  assert.equal(bad.parameters, null);
  const finding = bad.findings.find((f) => f.code === 'out_of_range');
  assert.deepEqual([finding.severity, finding.pointer, finding.field],
    ['error', '/batchNumber', 'batchNumber']);
  assert.match(finding.message, /batchNumber/);
  const whole = core.validate('image', []);
  assert.deepEqual([whole.findings[0].code, whole.findings[0].field], ['not_an_object', null]);
  const missing = core.validate('package', { invokeType: 'invoke' });
  assert.ok(missing.findings.some((f) => f.code === 'missing_required' && f.field === 'scalingGroupId'));
});

test('parseJson: keeps key order; syntax errors name line and column', () => {
  const value = core.parseJson('{"b": 1, "a": [true, null, "x"]}');
  assert.deepEqual(Object.keys(value), ['b', 'a']);
  assert.deepEqual(value.a, [true, null, 'x']);
  assert.throws(() => core.parseJson('{\n  "a": }'), /line 2 column/);
});

test('shells: the five stable names', () => {
  assert.deepEqual(core.shells(), ['bash', 'fish', 'powershell', 'powershell-legacy', 'cmd']);
});

test('render and parseCommand: every seed round-trips in every shell, both forms', () => {
  for (const seed of seeds) {
    for (const shell of core.shells()) {
      const command = { template: seed.template, parameters: seed.payload, region: 'cn-hangzhou' };
      const text = core.render(command, shell);
      assert.match(text, /^aliyun oos StartExecution --region cn-hangzhou --TemplateName /);
      const back = core.parseCommand(text, shell);
      assert.equal(back.form, 'startExecution');
      assert.equal(back.template, FULL[seed.template]);
      assert.equal(back.region, 'cn-hangzhou');
      assert.deepEqual(back.parameters, seed.payload, `${seed.name} via ${shell}`);

      const checked = core.validate(seed.template, seed.payload);
      const pluginCommand = { template: seed.template, parameters: seed.payload };
      if (shell === 'cmd' && /\n/.test(`${seed.payload.invokeScript}${seed.payload.rollbackScript}`)) {
        assert.throws(() => core.renderPlugin(pluginCommand, shell), /line break/);
        continue;
      }
      const plugin = core.renderPlugin(pluginCommand, shell);
      assert.match(plugin, /^aliyun rolling-update start --template /);
      if (!seed.payload.invokeScript) {
        const again = core.parseCommand(plugin, shell);
        assert.equal(again.form, 'plugin');
        assert.equal(again.parameters.scalingGroupId, checked.parameters.scalingGroupId);
      }
    }
  }
});

test('render: parametersFile replaces the inline JSON', () => {
  const text = core.render({
    template: 'package', parameters: {}, parametersFile: 'params.json',
  }, 'bash');
  assert.equal(text,
    'aliyun oos StartExecution --TemplateName ACS-ESS-RollingUpdateByConfigureOOSPackage '
    + '--Parameters-FILE params.json');
});

test('renderPlugin: a line break cannot go to cmd.exe; unknown shells and templates throw', () => {
  const command = {
    template: 'command',
    parameters: { invokeType: 'invoke', scalingGroupId: 'asg-1', invokeScript: 'a\nb' },
  };
  assert.match(core.renderPlugin(command, 'bash'), /--invoke-script/);
  assert.throws(() => core.renderPlugin(command, 'cmd'), /cmd\.exe cannot pass a line break/);
  assert.throws(() => core.render(command, 'tcsh'), /unknown shell `tcsh`/);
  assert.throws(() => core.render({ ...command, template: 'nope' }, 'bash'), /unknown template/);
  assert.throws(() => core.render({ parameters: {} }, 'bash'), /missing field `template`/);
});

test('parseCommand: the seed guide commands give the seed payloads', () => {
  for (const seed of seeds) {
    const parsed = core.parseCommand(seed.command, 'bash');
    assert.equal(parsed.template, FULL[seed.template], seed.name);
    assert.deepEqual(parsed.parameters, seed.payload, seed.name);
    assert.ok(Array.isArray(parsed.notes));
  }
});

test('parseCommand: errors carry a position in UTF-16 units', () => {
  const text = 'aliyun oos StartExecution --TemplateName "é$HOME';
  try {
    core.parseCommand(text, 'bash');
    assert.fail('expected an error');
  } catch (err) {
    assert.ok(err instanceof Error);
    assert.equal(typeof err.position, 'number');
    assert.ok(err.position >= 0 && err.position <= text.length, String(err.position));
    assert.match(err.message, /line 1, column \d+/);
  }
});

test('plan: ceil split, pauses and warnings', () => {
  const p = core.plan(10, 3, 'FirstBatchPause');
  assert.deepEqual(p.batches.map((b) => b.instances), [4, 4, 2]);
  assert.deepEqual(p.batches.map((b) => b.pauseAfter), [true, false, false]);
  assert.equal(p.pauses, 1);
  assert.equal(p.batchPauseOption, 'FirstBatchPause');
  assert.ok(p.rule.length > 0);
  assert.ok(core.plan(3, 1, 'Automatic').warnings.some((w) => /one batch/.test(w)));
  assert.throws(() => core.plan(3, 1, 'Sometimes'), /unknown variant `Sometimes`/);
});

test('gateFields: the six gate options in command order, with kinds, choices and defaults', () => {
  const fields = core.gateFields();
  assert.deepEqual(fields.map((f) => f.flag),
    ['check', 'check-timeout', 'alarm', 'bake', 'on-unhealthy', 'insufficient-data-ok']);
  for (const f of fields) assert.ok(f.key && f.label && f.description && f.kind, f.flag);
  const on = fields.find((f) => f.key === 'onUnhealthy');
  assert.deepEqual([on.kind, on.default, on.choices.map((c) => c.value)],
    ['choice', 'pause', ['pause', 'rollback', 'cancel']]);
  assert.equal(fields.find((f) => f.key === 'checkTimeout').default, '5m');
});

test('validateGate: findings name the option; on-unhealthy needs a gate', () => {
  assert.deepEqual(core.validateGate({}), []);
  assert.deepEqual(core.validateGate({ check: 'true', onUnhealthy: 'rollback' }), []);
  const lone = core.validateGate({ onUnhealthy: 'rollback' });
  assert.deepEqual(lone.map((f) => [f.severity, f.field]), [['error', 'onUnhealthy']]);
  const bad = core.validateGate({ check: 'x', checkTimeout: '5 min', alarms: ['a', ''], bake: 'soon' });
  assert.deepEqual(bad.map((f) => f.field), ['checkTimeout', 'alarms', 'bake']);
});

test('renderPlugin: gate options follow the parameters; the StartExecution form has none', () => {
  const command = {
    template: 'image',
    parameters: { scalingGroupId: 'asg-1' },
    gate: { check: "echo 'ok'", alarms: ['r-1', 'r-2'], bake: '2m', insufficientDataOk: true },
  };
  assert.equal(core.renderPlugin(command, 'bash'),
    "aliyun rolling-update start --template image --scaling-group-id asg-1 --check 'echo '\\''ok'\\''' "
    + '--alarm r-1 --alarm r-2 --bake 2m --insufficient-data-ok');
  assert.equal(core.renderPlugin(command, 'fish').split(' --check ')[1],
    "'echo \\'ok\\'' --alarm r-1 --alarm r-2 --bake 2m --insufficient-data-ok");
  assert.ok(!core.render(command, 'bash').includes('--check'));
  assert.throws(() => core.renderPlugin({ ...command, gate: { onUnhealthy: 'cancel' } }, 'bash'),
    /--on-unhealthy needs a gate/);
  assert.throws(() => core.renderPlugin({ ...command, gate: { check: 'a\nb' } }, 'cmd'),
    /--check: cmd\.exe cannot pass a line break/);
});

test('parseCommand: a plugin command gives back its gate options', () => {
  const gate = { check: 'true', checkTimeout: '1m', alarms: ['r-1'], bake: '2m', onUnhealthy: 'cancel', insufficientDataOk: true };
  for (const shell of core.shells()) {
    const text = core.renderPlugin({ template: 'package', parameters: { packageName: 'p' }, gate }, shell);
    assert.deepEqual(core.parseCommand(text, shell).gate, gate, `${shell}: ${text}`);
  }
  const oos = core.parseCommand(core.render({ template: 'package', parameters: {} }, 'bash'), 'bash');
  assert.deepEqual(oos.gate.alarms, []);
});

test('shellTitles: each shell with its name for people, in the order of shells()', () => {
  const titles = core.shellTitles();
  assert.deepEqual(titles.map((t) => t.value), core.shells());
  assert.deepEqual(titles[0], { value: 'bash', title: 'bash / zsh' });
});

test('texts: the page texts in both languages, the same names and placeholders', () => {
  const en = core.texts('en');
  const zh = core.texts('zh-CN');
  assert.ok(Object.keys(en).length > 40);
  assert.deepEqual(Object.keys(zh), Object.keys(en));
  assert.equal(en.copy, 'Copy command');
  assert.match(zh.copy, /复制/);
  const names = (t) => (t.match(/\{\w+\}/g) ?? []).sort();
  for (const key of Object.keys(en)) assert.deepEqual(names(zh[key]), names(en[key]), key);
  assert.deepEqual(core.texts('fr'), en, 'an unknown language gives English');
  assert.deepEqual(core.texts(), en);
  assert.equal(core.languageOf('zh-TW'), 'zh-CN');
  assert.equal(core.languageOf('en-GB'), 'en');
  assert.equal(core.languageOf('de'), 'en');
});

test('validate and validateGate take a language; codes and pointers stay the same', () => {
  const payload = { invokeType: 'invoke', batchNumber: 0 };
  const en = core.validate('image', payload, 'en');
  const zh = core.validate('image', payload, 'zh-CN');
  assert.deepEqual(zh.findings.map((f) => [f.code, f.pointer, f.field]),
    en.findings.map((f) => [f.code, f.pointer, f.field]));
  assert.deepEqual(core.validate('image', payload).findings, en.findings);
  assert.deepEqual(core.validateGate({ onUnhealthy: 'cancel' }, 'zh-CN').map((f) => f.field), ['onUnhealthy']);
});

test('layout: one flag a line, continued as each shell continues, read back the same', () => {
  const command = {
    template: 'image',
    region: 'cn-hangzhou',
    parameters: { invokeType: 'invoke', scalingGroupId: 'asg-1', imageId: 'm-1', OOSAssumeRole: 'a --b' },
  };
  const ends = { bash: ' \\', fish: ' \\', powershell: ' `', 'powershell-legacy': ' `', cmd: ' ^' };
  for (const shell of core.shells()) {
    for (const one of [core.render(command, shell), core.renderPlugin(command, shell)]) {
      const text = core.layout(one, shell);
      const lines = text.split('\n');
      assert.ok(lines.length > 3, `${shell}: ${text}`);
      for (const line of lines.slice(0, -1)) assert.ok(line.endsWith(ends[shell]), `${shell}: ${line}`);
      for (const line of lines.slice(1)) assert.match(line, /^ {2}--/, `${shell}: ${line}`);
      assert.deepEqual(core.parseCommand(text, shell), core.parseCommand(one, shell), shell);
      assert.equal(shell === 'fish' ? 'bash' : (shell === 'powershell-legacy' ? 'powershell' : shell),
        core.shellOf(text), shell);
    }
  }
  assert.equal(core.shellOf('aliyun oos StartExecution'), undefined);
  assert.throws(() => core.layout('x', 'tcsh'), /unknown shell/);
});

test('the shell texts follow the language: parseCommand, parseJson, renderPlugin and plan', () => {
  const zh = (fn) => {
    try {
      fn();
    } catch (err) {
      return err.message;
    }
    return assert.fail('expected an error');
  };
  const bad = 'aliyun oos StartExecution --TemplateName "$T"';
  assert.match(zh(() => core.parseCommand(bad, 'bash', 'zh-CN')), /^`\$` 开始一个展开.*（第 1 行，第 \d+ 列）$/);
  assert.match(zh(() => core.parseCommand(bad, 'bash')), /^`\$` starts an expansion .*\(line 1, column \d+\)$/);
  const noted = core.parseCommand(
    'aliyun oos StartExecution --TemplateName image --Parameters-FILE p.json', 'bash', 'zh-CN');
  assert.match(noted.notes[0], /从文件 p\.json 读取/);
  assert.match(zh(() => core.parseJson('{\n  "a": }', 'zh-CN')), /（第 2 行，第 \d+ 列）$/);
  assert.match(zh(() => core.parseJson('{\n  "a": }')), /at line 2 column \d+$/);
  const command = {
    template: 'command',
    parameters: { invokeType: 'invoke', scalingGroupId: 'asg-1', invokeScript: 'a\nb' },
  };
  assert.match(zh(() => core.renderPlugin(command, 'cmd', 'zh-CN')), /cmd\.exe 无法在参数中传递换行/);
  const en = core.plan(6, 4, 'Automatic');
  const cn = core.plan(6, 4, 'Automatic', 'zh-CN');
  assert.match(en.warnings[0], /^batchNumber 4 asks for more batches than this split gives: 3 batches/);
  assert.match(cn.warnings[0], /^batchNumber 4 要求的批次多于此拆分能给出的：3 批/);
  assert.match(cn.rule, /^OOS 没有公开/);
  assert.match(en.rule, /^OOS does not document/);
  assert.deepEqual(cn.batches, en.batches, 'only the words change');
});

test('the refresh form follows the language: its plan assumption and its render errors', () => {
  const payload = { scalingGroupId: 'asg-1', imageId: 'm-1', minHealthyPercentage: 90 };
  const en = core.refreshPlan(payload, 10);
  const cn = core.refreshPlan(payload, 10, 'zh-CN');
  assert.match(en.assumption, /^assumed from MinHealthyPercentage 90/);
  assert.match(cn.assumption, /[\u4e00-\u9fff]/);
  assert.ok(!/assumed from/.test(cn.assumption), cn.assumption);
  assert.deepEqual(cn.batches, en.batches, 'only the words change');
  const missing = { parameters: { imageId: 'm-1' } };
  assert.throws(() => core.renderRefresh(missing, 'bash'), /`scalingGroupId` is required/);
  assert.throws(() => core.renderRefresh(missing, 'bash', 'zh-CN'), /[\u4e00-\u9fff]/);
  assert.throws(() => core.renderRefreshPlugin(missing, 'bash', 'zh-CN'), /[\u4e00-\u9fff]/);
});
