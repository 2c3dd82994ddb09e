#!/usr/bin/env python3
"""Checks a BPMN diagram's hand-written layout: no shape overlaps another (a boundary event on its task aside), no
edge segment crosses a shape other than its own source and target (a boundary event counts as part of the task it
sits on), and no label overlaps another label or a shape.
Usage: check_layout.py bpmn/x.bpmn ...; exits 1 and lists the findings when there are any."""
import sys
import xml.etree.ElementTree as ET

B = '{http://www.omg.org/spec/BPMN/20100524/MODEL}'
DI = '{http://www.omg.org/spec/BPMN/20100524/DI}'
DC = '{http://www.omg.org/spec/DD/20100524/DC}'
DDI = '{http://www.omg.org/spec/DD/20100524/DI}'


def box(el):
    b = el.find(DC + 'Bounds')
    return tuple(float(b.get(k)) for k in ('x', 'y', 'width', 'height'))


def inside(rect, margin=1.0):
    x, y, w, h = rect
    return x + margin, y + margin, x + w - margin, y + h - margin


def seg_hits(p, q, rect):
    x1, y1, x2, y2 = inside(rect)
    (ax, ay), (bx, by) = p, q
    # Liang-Barsky clipping: does the segment enter the rectangle's interior?
    t0, t1 = 0.0, 1.0
    dx, dy = bx - ax, by - ay
    for pp, qq in ((-dx, ax - x1), (dx, x2 - ax), (-dy, ay - y1), (dy, y2 - ay)):
        if pp == 0:
            if qq < 0:
                return False
        else:
            t = qq / pp
            if pp < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
            if t0 > t1:
                return False
    return t1 - t0 > 1e-6


def overlaps(a, b):
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw - 1 and bx < ax + aw - 1 and ay < by + bh - 1 and by < ay + ah - 1


def check(path):
    root = ET.parse(path).getroot()
    elements = {e.get('id'): e for e in root.iter() if e.get('id')}
    plane = root.find(f'{DI}BPMNDiagram/{DI}BPMNPlane')
    shapes, labels, edges = {}, {}, []
    for s in plane.findall(DI + 'BPMNShape'):
        ref = s.get('bpmnElement')
        shapes[ref] = box(s)
        label = s.find(DI + 'BPMNLabel')
        if label is not None and label.find(DC + 'Bounds') is not None:
            labels[ref] = box(label)
    for e in plane.findall(DI + 'BPMNEdge'):
        ref = e.get('bpmnElement')
        points = [(float(w.get('x')), float(w.get('y'))) for w in e.findall(DDI + 'waypoint')]
        edges.append((ref, points))
        label = e.find(DI + 'BPMNLabel')
        if label is not None and label.find(DC + 'Bounds') is not None:
            labels[ref] = box(label)
    host = {i: el.get('attachedToRef') for i, el in elements.items() if el.tag == B + 'boundaryEvent'}
    containers = {i for i, el in elements.items() if el.tag in (B + 'subProcess', B + 'participant', B + 'lane')}
    findings = []
    for ref, points in edges:
        el = elements.get(ref)
        ends = set()
        for end in (el.get('sourceRef'), el.get('targetRef')) if el is not None else ():
            ends.add(end)
            if end in host:
                ends.add(host[end])
            ends.update(b for b, h in host.items() if h == end)
        for shape, rect in shapes.items():
            if shape in ends or shape in containers:
                continue
            if any(seg_hits(p, q, rect) for p, q in zip(points, points[1:])):
                findings.append(f'{path}: edge {ref} crosses {shape}')
    placed = list(shapes.items())
    for i, (a, ra) in enumerate(placed):
        for b, rb in placed[i + 1:]:
            if host.get(a) == b or host.get(b) == a or a in containers or b in containers:
                continue
            if overlaps(ra, rb):
                findings.append(f'{path}: shape {a} overlaps shape {b}')
    items = list(labels.items())
    for i, (a, ra) in enumerate(items):
        for b, rb in items[i + 1:]:
            if overlaps(ra, rb):
                findings.append(f'{path}: label of {a} overlaps label of {b}')
        for shape, rect in shapes.items():
            if shape != a and shape not in containers and overlaps(ra, rect):
                findings.append(f'{path}: label of {a} overlaps shape {shape}')
    return findings


if __name__ == '__main__':
    found = [f for p in sys.argv[1:] for f in check(p)]
    print('\n'.join(found) if found else f'{len(sys.argv) - 1} diagram(s): no crossings, no label overlaps')
    sys.exit(1 if found else 0)
