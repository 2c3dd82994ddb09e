#!/usr/bin/env python3
"""Lists every Camunda entry point with its lines of logic, longest first, and exits 1 if one is over the limit.

Entry points: JavaDelegate.execute, ExecutionListener/TaskListener.notify (classes and @Bean lambdas), and the
methods the BPMN calls by expression (${bean.method(...)}). Lines of logic: the body's lines that are neither
blank nor comment. Usage: tools/entry-points.py [limit=15] (from the repository root).
"""
import glob, os, re, sys

LIMIT = int(sys.argv[1]) if len(sys.argv) > 1 else 15
SOURCES = glob.glob('src/main/java/**/*.java', recursive=True)


def body_end(text, open_brace):
    depth, i = 0, open_brace
    while i < len(text):
        c = text[i]
        if c == '"':
            if text.startswith('"""', i):
                i = text.index('"""', i + 3) + 3
                continue
            i += 1
            while text[i] != '"':
                i += 2 if text[i] == '\\' else 1
        elif c == "'":
            i += 3 if text[i + 1] != '\\' else 4
            continue
        elif text.startswith('//', i):
            i = text.index('\n', i)
        elif text.startswith('/*', i):
            i = text.index('*/', i) + 2
            continue
        elif c == '{':
            depth += 1
        elif c == '}':
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ValueError('unbalanced braces')


def logic_lines(text, open_brace):
    lines = text[open_brace + 1:body_end(text, open_brace)].split('\n')
    return sum(1 for l in lines if l.strip() and not l.strip().startswith(('//', '/*', '*')))


def bean_names(path, text):
    cls = os.path.basename(path)[:-5]
    names = {cls[0].lower() + cls[1:]}
    names |= set(re.findall(r'@(?:Component|Service|Repository)\("(\w+)"\)', text))
    return names


found = []
expressions = set()
for bpmn in glob.glob('bpmn/*.bpmn'):
    expressions |= set(re.findall(r'\$\{(\w+)\.(\w+)\(', open(bpmn).read()))
for path in SOURCES:
    text = open(path).read()
    cls = os.path.basename(path)[:-5]
    if re.search(r'implements [^{]*\b(JavaDelegate|TaskListener|ExecutionListener)\b', text):
        for m in re.finditer(r'public void (execute|notify)\((DelegateExecution|DelegateTask) \w+\)[^{]*\{', text):
            found.append((logic_lines(text, m.end() - 1), cls + '.' + m.group(1)))
    for m in re.finditer(r'(JavaDelegate|TaskListener|ExecutionListener) (\w+)\([^)]*\)\s*\{\s*return \w+ -> \{', text):
        found.append((logic_lines(text, m.end() - 1), cls + '.' + m.group(2) + ' (bean)'))
    for m in re.finditer(r'(JavaDelegate|TaskListener|ExecutionListener) (\w+)\([^)]*\)\s*\{\s*return \w+ -> (?!\{)', text):
        found.append((1, cls + '.' + m.group(2) + ' (bean)'))
    names = bean_names(path, text)
    for bean, method in expressions:
        if bean in names:
            for m in re.finditer(r'\n    (?:public |protected )?(?:static )?[\w<>, .?\[\]]+ ' + method + r'\([^)]*\)[^{;]*\{', text):
                found.append((logic_lines(text, m.end() - 1), cls + '.' + method + ' (${' + bean + '})'))

over = 0
for n, name in sorted(set(found), reverse=True):
    flag = '  OVER' if n > LIMIT else ''
    over += n > LIMIT
    print(f'{n:4d}  {name}{flag}')
print(f'{len(set(found))} entry points, {over} over {LIMIT} lines')
sys.exit(1 if over else 0)
