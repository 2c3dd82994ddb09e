const { isAny } = require('bpmnlint-utils');
const { attr, extension, isTrue } = require('./camunda');

// Tasks with a delegate expression are the ones that call Odoo, credit, tax or the WMS. Without a save point
// before them (asyncBefore) a peer outage rolls back to the previous wait state, and without a retry cycle the
// engine retries three times at once and raises an incident: DESIGN.md's "retry with back-off, then incident".
module.exports = function() {
  function check(node, reporter) {
    if (!isAny(node, ['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask']) || !attr(node, 'delegateExpression')) {
      return;
    }
    if (!isTrue(attr(node, 'asyncBefore')) && !isTrue(attr(node, 'async'))) {
      reporter.report(node.id, 'Task calls a peer (delegate expression) without a save point: tick Asynchronous continuations > Before');
    }
    const cycle = extension(node, 'failedJobRetryTimeCycle');
    if (!cycle || !(cycle.body || '').trim()) {
      reporter.report(node.id, 'Task calls a peer without a retry cycle: set Asynchronous continuations > Retry time cycle to the peer\'s profile, e.g. ${retries.odoo}');
    }
  }
  return { check };
};
