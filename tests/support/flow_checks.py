"""A check over the source of flows (satori_ccxt/flow.py) for the two mistakes that run without failing at once.

1. A generator helper called without ``yield from``: ``self._prepare_private()``
   as a bare statement builds a generator and drops it, so the credentials are
   never checked and the clock never fetched, silently. Every function of the
   package whose own body yields is a generator; a call of one by name
   (``self.<name>(...)`` for a method, unless the caller's own class defines
   a plain method of that name; ``<name>(...)`` for a module-level function)
   must be the operand of ``yield from`` or handed to a driver (``run_sync``,
   ``run_async``), or, for a ``@unified`` flow, which the drivers bind as a
   method, be made outside any flow, where ``self.<name>`` is the bound method.
   A generator wrapped by another decorator (``@contextmanager``) is no flow.
2. A ``call('name', ...)`` naming neither an implicit endpoint nor a method of
   the exchange classes: the flow would fail only when it reaches that call.
"""

import ast
import functools
from pathlib import Path


def _own_nodes(function):
    """The nodes of ``function``'s body, not those of functions, lambdas or classes defined inside it."""
    pending = list(function.body)
    while pending:
        node = pending.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            pending.extend(ast.iter_child_nodes(node))


DRIVERS = ('run_sync', 'run_async')
KEPT_GENERATOR = ('unified', 'staticmethod', 'classmethod')  # decorators under which a generator function still returns a generator


def _decorator_names(function) -> set:
    def name(decorator):
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        return target.attr if isinstance(target, ast.Attribute) else getattr(target, 'id', None)
    return {name(decorator) for decorator in function.decorator_list}


def _is_generator(function) -> bool:
    return (isinstance(function, ast.FunctionDef) and _decorator_names(function) <= set(KEPT_GENERATOR)
            and any(isinstance(node, (ast.Yield, ast.YieldFrom)) for node in _own_nodes(function)))


def _functions(tree):
    """(function, the names of its class's own methods, or None for a module-level function), at any depth."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            methods = [item for item in node.body if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))]
            own = {method.name for method in methods if not _is_generator(method)}
            for method in methods:
                yield method, own
    for item in tree.body:
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield item, None


def is_named_call(node) -> bool:
    """Whether ``node`` is ``call('name', ...)`` with a literal name, the form every flow uses."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == 'call' and bool(node.args)
            and isinstance(node.args[0], ast.Constant))


def _called_generator(node, generator_methods, generator_functions, own_plain_methods):
    """The generator a call node calls by name, or None."""
    if not isinstance(node, ast.Call):
        return None
    target = node.func
    if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == 'self':
        return target.attr if target.attr in generator_methods and target.attr not in (own_plain_methods or ()) else None
    if isinstance(target, ast.Name) and target.id in generator_functions:
        return target.id
    return None


# The mutation tests check the package once per mutant, each with one file changed: what a file contributes is
# worked out once per text (and, for its problems, per set of generator names) and cached.

@functools.lru_cache(maxsize=256)
def _generators_of(text, file_name):
    """(generator methods, module-level generator functions, ``@unified`` flows) that one source defines."""
    methods, functions, flows = set(), set(), set()
    for function, own_methods in _functions(ast.parse(text, filename=file_name)):
        if _is_generator(function):
            (methods if own_methods is not None else functions).add(function.name)
            if 'unified' in _decorator_names(function):
                flows.add(function.name)
    return frozenset(methods), frozenset(functions), frozenset(flows)


@functools.lru_cache(maxsize=256)
def _problems_of(text, file_name, generator_methods, generator_functions, bound_outside_flows, callable_names):
    problems = []
    for function, own_methods in _functions(ast.parse(text, filename=file_name)):
        in_flow = _is_generator(function)
        delegated = {id(node.value) for node in _own_nodes(function) if isinstance(node, ast.YieldFrom)}
        delegated.update(id(node.args[1]) for node in _own_nodes(function) if isinstance(node, ast.Call)
                         and isinstance(node.func, ast.Name) and node.func.id in DRIVERS and len(node.args) == 2)
        for node in _own_nodes(function):
            name = _called_generator(node, generator_methods, generator_functions, own_methods)
            if name is not None and id(node) not in delegated and (in_flow or name not in bound_outside_flows):
                problems.append(f'{file_name}:{node.lineno}: {name}() is a generator, called without yield from')
            if is_named_call(node) and node.args[0].value not in callable_names:
                problems.append(f'{file_name}:{node.lineno}: call({node.args[0].value!r}) names no endpoint or method of the exchange')
    return tuple(problems)


def flow_misuses(sources: dict, callable_names) -> list:
    """What the sources (``{file name: text}``) get wrong, one line each: ``file:line: ...``.

    ``callable_names``: every name a ``call()`` may name (the implicit endpoints
    and the methods of both exchange classes).
    """
    generator_methods, generator_functions, unified_flows = set(), set(), set()
    for file_name, text in sources.items():
        methods, functions, flows = _generators_of(text, file_name)
        generator_methods |= methods
        generator_functions |= functions
        unified_flows |= flows
    sets = (frozenset(generator_methods), frozenset(generator_functions), frozenset(unified_flows - generator_functions),
            frozenset(callable_names))
    problems = [problem for file_name, text in sorted(sources.items()) for problem in _problems_of(text, file_name, *sets)]
    return sorted(problems, key=lambda problem: (problem.split(':')[0], int(problem.split(':')[1])))


def package_sources(package: Path) -> dict:
    return {str(path.relative_to(package.parent)): path.read_text() for path in sorted(package.rglob('*.py'))}


def called_names(sources: dict) -> set:
    """The literal names of every ``call('name', ...)`` in the sources."""
    names = set()
    for text in sources.values():
        for node in ast.walk(ast.parse(text)):
            if is_named_call(node):
                names.add(node.args[0].value)
    return names
