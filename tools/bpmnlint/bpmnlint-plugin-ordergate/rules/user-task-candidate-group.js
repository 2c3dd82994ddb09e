const { is } = require('bpmnlint-utils');
const { attr } = require('./camunda');

// A task without candidate groups reaches nobody's queue; only an admin would ever see it.
module.exports = function() {
  function check(node, reporter) {
    if (is(node, 'bpmn:UserTask') && !attr(node, 'candidateGroups')) {
      reporter.report(node.id, 'User task has no candidate group: in Modeler, User assignment > Candidate groups, e.g. ${reviewerGroup} or pricing-stewards');
    }
  }
  return { check };
};
