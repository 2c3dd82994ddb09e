#!/usr/bin/env node
// Lints BPMN files with .bpmnlintrc (bpmnlint's recommended rules and bpmnlint-plugin-ordergate), skips the findings
// listed in exceptions.json, and prints one line per finding an analyst can act on:
//   <file>: <severity> <rule> at '<name>' (<id>): <message>
// Exit code 1 when any error remains (warnings are printed and pass), 2 when the files cannot be read or parsed.
const fs = require('node:fs');
const path = require('node:path');
const { BpmnModdle } = require('bpmn-moddle');
const camundaDescriptor = require('camunda-bpmn-moddle/resources/camunda.json');
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');
const { createScopedRequire } = require('bpmnlint/lib/resolver/helper');

const here = __dirname;
const config = JSON.parse(fs.readFileSync(path.join(here, '.bpmnlintrc'), 'utf8'));
const exceptionsFile = path.join(here, 'exceptions.json');
const exceptions = JSON.parse(fs.readFileSync(exceptionsFile, 'utf8')).exceptions;
const linter = new Linter({ config, resolver: new NodeResolver({ require: createScopedRequire(here) }) });

function elementsById(root) {
  const byId = new Map();
  const seen = new Set();
  (function walk(node, processId) {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const type = node.$type || '';
    const owner = type === 'bpmn:Process' ? node.id : processId;
    if (node.id && type) byId.set(node.id, { node, processId: owner });
    for (const key of Object.keys(node)) {
      if (key.startsWith('$') || key === 'di') continue;
      const value = node[key];
      if (Array.isArray(value)) value.forEach((v) => walk(v, owner));
      else if (value && typeof value === 'object' && value.$type && !['sourceRef', 'targetRef', 'attachedToRef', 'default', 'messageRef', 'bpmnElement'].includes(key)) walk(value, owner);
    }
  })(root, undefined);
  return byId;
}

const seenProcesses = new Set();

async function lintFile(file, used) {
  const xml = fs.readFileSync(file, 'utf8');
  const moddle = new BpmnModdle({ camunda: camundaDescriptor });
  let root;
  try {
    ({ rootElement: root } = await moddle.fromXML(xml, 'bpmn:Definitions'));
  } catch (e) {
    console.log(`${file}: error parse: not a readable BPMN file: ${e.message}`);
    return { errors: 1, warnings: 0 };
  }
  const byId = elementsById(root);
  byId.forEach((e) => e.processId && seenProcesses.add(e.processId));
  const results = await linter.lint(root);
  let errors = 0;
  let warnings = 0;
  for (const [rule, reports] of Object.entries(results)) {
    for (const report of reports) {
      const element = byId.get(report.id);
      const processId = element ? element.processId : undefined;
      const accepted = exceptions.find((x) => x.rule === rule && x.element === report.id && x.process === processId);
      if (accepted) {
        used.add(accepted);
        continue;
      }
      const name = element && element.node.name ? element.node.name.replace(/\s+/g, ' ') : '';
      const severity = report.category === 'warn' ? 'warning' : 'error';
      if (severity === 'error') errors++; else warnings++;
      console.log(`${file}: ${severity} ${rule} at '${name}' (${report.id}): ${report.message}`);
    }
  }
  return { errors, warnings };
}

(async () => {
  const files = process.argv.slice(2);
  if (!files.length) {
    console.error('usage: node lint.js <file.bpmn>...');
    process.exit(2);
  }
  const used = new Set();
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    const result = await lintFile(file, used);
    errors += result.errors;
    warnings += result.warnings;
  }
  // An exception whose finding is gone (the model was fixed) is removed, so exceptions do not pile up.
  {
    for (const x of exceptions.filter((e) => !used.has(e) && seenProcesses.has(e.process))) {
      errors++;
      console.log(`${exceptionsFile}: error stale-exception at '${x.element}' (${x.process}): no finding of ${x.rule} left there; remove the entry`);
    }
  }
  console.log(`${files.length} file(s): ${errors} error(s), ${warnings} warning(s)`);
  process.exit(errors ? 1 : 0);
})().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(2);
});
