// Reads Camunda extension attributes whether or not the camunda moddle extension is loaded
// (the lint script loads it; Camunda Modeler does too).
function attr(node, name) {
  const value = node.get ? node.get('camunda:' + name) : undefined;
  const raw = value !== undefined ? value : (node.$attrs || {})['camunda:' + name];
  return typeof raw === 'string' ? raw.trim() : raw;
}

function extension(node, localName) {
  const values = (node.extensionElements && node.extensionElements.values) || [];
  return values.find((v) => (v.$type || '').toLowerCase() === ('camunda:' + localName).toLowerCase());
}

function isTrue(value) {
  return value === true || value === 'true';
}

module.exports = { attr, extension, isTrue };
