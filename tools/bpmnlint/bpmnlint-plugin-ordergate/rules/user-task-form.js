const { is } = require('bpmnlint-utils');
const { attr } = require('./camunda');

// A reviewer opens every user task in Tasklist; without a form they see no facts and cannot decide.
module.exports = function() {
  function check(node, reporter) {
    if (is(node, 'bpmn:UserTask') && !attr(node, 'formRef') && !attr(node, 'formKey')) {
      reporter.report(node.id, 'User task has no form: in Modeler, Form > type "Camunda Form (linked)", set the form id of a file in forms/ and binding "latest"');
    }
  }
  return { check };
};
