const { is } = require('bpmnlint-utils');

// Every gateway, forking or joining, carries a name: Cockpit and the order story show gateways by name,
// and an analyst reading a diagram should not have to guess what a diamond decides or joins.
module.exports = function() {
  function check(node, reporter) {
    if (is(node, 'bpmn:Gateway') && !(node.name || '').trim()) {
      reporter.report(node.id, 'Gateway has no label: name it with the question it decides (e.g. "Credit approved?") or what it joins');
    }
  }
  return { check };
};
