// A diagram an analyst reads at one glance (STYLE.md 12; Camunda's "creating readable process models"): no shape on
// top of another (a boundary event on its task aside), no flow drawn through a shape other than its own source and
// target (a boundary event counts as part of its task), no label on another label or on a shape. Checked on the
// diagram interchange (the coordinates the Modeler saves), so a diagram rearranged by hand is checked as drawn.
module.exports = function() {
  function interior(b) {
    return { x1: b.x + 1, y1: b.y + 1, x2: b.x + b.width - 1, y2: b.y + b.height - 1 };
  }

  // Liang-Barsky: does the segment p-q enter the rectangle's interior?
  function crosses(p, q, bounds) {
    const r = interior(bounds);
    let t0 = 0;
    let t1 = 1;
    const dx = q.x - p.x;
    const dy = q.y - p.y;
    for (const [pp, qq] of [[-dx, p.x - r.x1], [dx, r.x2 - p.x], [-dy, p.y - r.y1], [dy, r.y2 - p.y]]) {
      if (pp === 0) {
        if (qq < 0) return false;
      } else {
        const t = qq / pp;
        if (pp < 0) t0 = Math.max(t0, t); else t1 = Math.min(t1, t);
        if (t0 > t1) return false;
      }
    }
    return t1 - t0 > 1e-6;
  }

  function overlap(a, b) {
    return a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;
  }

  const CONTAINERS = ['bpmn:SubProcess', 'bpmn:Participant', 'bpmn:Lane'];

  function check(node, reporter) {
    if (node.$type !== 'bpmn:Definitions') {
      return;
    }
    for (const diagram of node.diagrams || []) {
      const items = (diagram.plane && diagram.plane.planeElement) || [];
      const shapes = items.filter((d) => d.$type === 'bpmndi:BPMNShape' && d.bounds && d.bpmnElement
        && !CONTAINERS.includes(d.bpmnElement.$type));
      const edges = items.filter((d) => d.$type === 'bpmndi:BPMNEdge' && d.bpmnElement);
      const hostOf = (el) => (el && el.$type === 'bpmn:BoundaryEvent' ? el.attachedToRef : undefined);
      const belongs = (shapeElement, end) => end && (shapeElement === end || hostOf(end) === shapeElement
        || hostOf(shapeElement) === end);
      for (const edge of edges) {
        const flow = edge.bpmnElement;
        const points = edge.waypoint || [];
        for (const shape of shapes) {
          const el = shape.bpmnElement;
          if (belongs(el, flow.sourceRef) || belongs(el, flow.targetRef)) continue;
          if (points.some((p, i) => i > 0 && crosses(points[i - 1], p, shape.bounds))) {
            reporter.report(flow.id, `Flow is drawn through '${el.name || el.id}' (${el.id}): route it around the shape`);
          }
        }
      }
      shapes.forEach((a, i) => shapes.slice(i + 1).forEach((b) => {
        if (hostOf(a.bpmnElement) === b.bpmnElement || hostOf(b.bpmnElement) === a.bpmnElement) return;
        if (overlap(a.bounds, b.bounds)) {
          reporter.report(a.bpmnElement.id, `Shape lies on '${b.bpmnElement.name || b.bpmnElement.id}' (${b.bpmnElement.id})`);
        }
      }));
      const labelled = items.filter((d) => d.label && d.label.bounds && d.bpmnElement);
      labelled.forEach((a, i) => {
        labelled.slice(i + 1).forEach((b) => {
          if (overlap(a.label.bounds, b.label.bounds)) {
            reporter.report(a.bpmnElement.id, `Label overlaps the label of '${b.bpmnElement.name || b.bpmnElement.id}' (${b.bpmnElement.id})`);
          }
        });
        shapes.forEach((s) => {
          if (s.bpmnElement !== a.bpmnElement && overlap(a.label.bounds, s.bounds)) {
            reporter.report(a.bpmnElement.id, `Label lies on '${s.bpmnElement.name || s.bpmnElement.id}' (${s.bpmnElement.id})`);
          }
        });
      });
    }
  }
  return { check };
};
