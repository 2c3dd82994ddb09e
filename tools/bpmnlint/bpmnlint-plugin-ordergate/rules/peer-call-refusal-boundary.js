const { isAny } = require('bpmnlint-utils');
const { extension } = require('./camunda');

// A task whose retry cycle names a peer (${retries.odoo}) calls that peer, and the peer may refuse for business
// reasons. The refusal arrives as a BPMN error with the peer's code (order.RefusalCodes); without an error boundary
// catching it the refusal stays an exception, is retried and ends as an incident in front of an operator instead of
// in front of the person who can fix it (DESIGN.md, "Errors: three kinds, three paths").
const CODES = { odoo: 'odoo-refused', credit: 'credit-refused', tax: 'tax-refused', wms: 'wms-refused' };

module.exports = function() {
  function check(node, reporter) {
    if (!isAny(node, ['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask'])) {
      return;
    }
    const cycle = extension(node, 'failedJobRetryTimeCycle');
    const match = /retries\.(\w+)/.exec((cycle && cycle.body) || '');
    if (!match || !CODES[match[1]]) {
      return;
    }
    const code = CODES[match[1]];
    const siblings = (node.$parent && (node.$parent.flowElements || [])) || [];
    const caught = siblings.some((b) => b.$type === 'bpmn:BoundaryEvent' && b.attachedToRef === node
      && (b.eventDefinitions || []).some((d) => d.$type === 'bpmn:ErrorEventDefinition'
        && (!d.errorRef || d.errorRef.errorCode === code)));
    if (!caught) {
      reporter.report(node.id, `Task calls ${match[1]} without an error boundary catching its refusals ('${code}'): `
        + 'attach an error boundary event leading to the call activity peer-refusal-review');
    }
  }
  return { check };
};
