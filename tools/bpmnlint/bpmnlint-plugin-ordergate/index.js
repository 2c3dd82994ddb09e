// The rules are referenced from .bpmnlintrc as "ordergate/<rule>".
module.exports = {
  rules: {
    'gateway-labelled': './rules/gateway-labelled',
    'user-task-form': './rules/user-task-form',
    'user-task-candidate-group': './rules/user-task-candidate-group',
    'peer-call-async-retry': './rules/peer-call-async-retry',
    'peer-call-refusal-boundary': './rules/peer-call-refusal-boundary',
    'readable-layout': './rules/readable-layout'
  }
};
