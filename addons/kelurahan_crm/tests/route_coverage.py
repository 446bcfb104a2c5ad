# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Which routes of our addons no test requests with an expected success status.

Routes come from the running registry (``odoo.http._generate_routing_rules`` over the
installed modules): every URL whose endpoint is declared or overridden (with
``@http.route``) in a controller of an ``odoo.addons.kelurahan_*`` module.

Requests come from the test sources, read as text, never imported:

- Python (``addons/kelurahan_*/tests/**/*.py`` and the top-level ``tests/*.py``): every
  string or f-string that starts with ``/`` (or ``http://host/``) is a URL literal; the
  query string is dropped and each ``{…}`` of an f-string stands for one path segment.
  A module-level constant holding such a literal (``WEBHOOK = "/…"``, in any test
  file) counts where a function names it.
  A literal counts as a success request when the test function holding it asserts a
  success status (an ``assert…`` call or ``assert`` statement naming ``status_code``
  or ``status`` next to a number from 200 to 399), or when it is passed to a helper
  function that does so on its argument (``_csrf``), or to ``start_tour``, or when it
  sits in a helper of the same file called by a test function that asserts one.
- JavaScript tours (``addons/kelurahan_*/static/tests/tours/*.js``): every quoted
  ``/…`` literal; a tour fails when a page does not show what its steps wait for.

A route accepting only POST needs a literal in a function that posts (a call with
``data=``, ``files=`` or ``json=``, ``.post(…)`` or a JSON-RPC helper).
"""

import ast
import re
from pathlib import Path

from odoo import http
from odoo.modules.module import get_module_path

SUCCESS = range(200, 400)
STATUS_NAMES = {"status_code", "status"}
POST_KEYWORDS = {"data", "files", "json"}
POST_CALLS = {"post", "post_form", "make_jsonrpc_request", "jsonrpc", "_submit"}
PLACEHOLDER = "{}"
URL_START = re.compile(r"^(?:https?://[^/]+|\{\})?(/[^\s]*)$")
JS_LITERAL = re.compile(r"""(["'`])(/[^"'`\s]*)\1""")
JS_TEMPLATE = re.compile(r"\$\{[^}]*\}")
LANG_PREFIX = r"(?:/[a-z]{2}(?:_[A-Z]{2})?)?"


# ----------------------------------------------------------------------- routes
def declared_routes(modules, prefix="kelurahan_"):
    """{(addon, route, methods)} of the routes our addons declare or override."""
    found = set()
    for url, endpoint in http._generate_routing_rules(modules, nodb_only=False):
        addon = declaring_addon(endpoint, prefix)
        if addon:
            methods = tuple(sorted(endpoint.routing.get("methods") or ()))
            found.add((addon, url, methods))
    return found


def declaring_addon(endpoint, prefix="kelurahan_"):
    """Our addon whose controller declares or last overrides ``endpoint`` (with
    ``@http.route``), or None."""
    bound = endpoint.func
    name = bound.__name__
    for cls in type(bound.__self__).mro():
        method = cls.__dict__.get(name)
        if method is None or not hasattr(method, "original_routing"):
            continue
        parts = cls.__module__.split(".")
        if parts[:2] == ["odoo", "addons"] and parts[2].startswith(prefix):
            return parts[2]
        return None
    return None


def route_regex(route):
    """The route as a regex over a request path ({} standing for a placeholder)."""
    pattern, pos = "", 0
    for match in re.finditer(r"<(?:(\w+)(?:\([^)]*\))?:)?\w+>", route):
        pattern += re.escape(route[pos : match.start()])
        converter = match[1] or "string"
        if converter == "int":
            pattern += r"(?:\d+|\{\})"
        elif converter == "path":
            pattern += r".+"
        else:
            pattern += r"(?:[^/{}]+|\{\})"
        pos = match.end()
    pattern += re.escape(route[pos:])
    return re.compile(f"^{LANG_PREFIX}{pattern}/?$")


# --------------------------------------------------------------------- requests
class Request:
    """A URL literal in a test source and what its context proves."""

    def __init__(self, path, where, success, posts):
        self.path, self.where, self.success, self.posts = path, where, success, posts


def _url_path(text):
    match = URL_START.match(text)
    if not match:
        return None
    return match[1].split("?")[0].split("#")[0] or "/"


def _literal(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) else PLACEHOLDER
            for part in node.values
        )
    return None


def _call_name(call):
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _asserts_success(node):
    """Whether the assertion node names a status and a 2xx/3xx number."""
    names = {
        n.attr if isinstance(n, ast.Attribute) else n.id
        for n in ast.walk(node)
        if isinstance(n, ast.Attribute | ast.Name)
    }
    numbers = {
        n.value
        for n in ast.walk(node)
        if isinstance(n, ast.Constant) and type(n.value) is int
    }
    return bool(names & STATUS_NAMES) and any(n in SUCCESS for n in numbers)


def _function_facts(function):
    success = posts = False
    for node in ast.walk(function):
        if isinstance(node, ast.Assert) or (
            isinstance(node, ast.Call) and _call_name(node).startswith("assert")
        ):
            success = success or _asserts_success(node)
        if isinstance(node, ast.Call):
            posts = posts or (
                _call_name(node) in POST_CALLS
                or any(k.arg in POST_KEYWORDS for k in node.keywords)
            )
    return success, posts


def _functions(tree):
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    ]


def success_helpers(trees):
    """Names of the functions that assert a success status (on what they fetch)."""
    return {
        function.name
        for tree in trees
        for function in _functions(tree)
        if _function_facts(function)[0]
    }


def url_constants(trees):
    """{NAME: path} of the module-level constants of the test sources that hold a
    URL literal."""
    constants = {}
    for tree in trees:
        for node in tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target, text = node.targets[0], _literal(node.value)
                path = text and _url_path(text)
                if path and isinstance(target, ast.Name):
                    constants[target.id] = path
    return constants


def python_requests(tree, label, helpers, constants=None):
    constants = constants or {}
    requests = []
    functions = _functions(tree)
    facts = {id(function): _function_facts(function) for function in functions}
    # helpers (same file) called by a function that asserts a success status
    vouched = {
        _call_name(node)
        for function in functions
        if facts[id(function)][0]
        for node in ast.walk(function)
        if isinstance(node, ast.Call)
    }
    for function in functions:
        success, posts = facts[id(function)]
        success = success or function.name in vouched
        passed = set()
        for node in ast.walk(function):
            if isinstance(node, ast.Call) and (
                _call_name(node) in helpers or _call_name(node) == "start_tour"
            ):
                passed.update(map(id, node.args))
        for node in ast.walk(function):
            if isinstance(node, ast.Name) and node.id in constants:
                path = constants[node.id]
            else:
                text = _literal(node)
                path = text and _url_path(text)
            if path:
                where = f"{label}:{node.lineno} ({function.name})"
                ok = success or id(node) in passed
                requests.append(Request(path, where, ok, posts))
    return requests


def js_requests(source, label):
    requests = []
    for match in JS_LITERAL.finditer(JS_TEMPLATE.sub(PLACEHOLDER, source)):
        path = _url_path(match[2])
        if path:
            line = source.count("\n", 0, match.start()) + 1
            requests.append(Request(path, f"{label}:{line}", True, False))
    return requests


def test_sources(root):
    """{label: (kind, text)} of every test source of the repository."""
    files = [
        *root.glob("addons/kelurahan_*/tests/**/*.py"),
        *root.glob("addons/kelurahan_*/static/tests/tours/**/*.js"),
        *root.glob("tests/*.py"),
    ]
    return {
        str(path.relative_to(root)): (path.suffix, path.read_text(encoding="utf-8"))
        for path in sorted(files)
    }


def collect_requests(sources):
    trees = {
        label: ast.parse(text)
        for label, (kind, text) in sources.items()
        if kind == ".py"
    }
    helpers = success_helpers(trees.values())
    constants = url_constants(trees.values())
    requests = []
    for label, (kind, text) in sources.items():
        if kind == ".py":
            requests += python_requests(trees[label], label, helpers, constants)
        else:
            requests += js_requests(text, label)
    return requests


def repository_root():
    return Path(get_module_path("kelurahan_crm")).parent.parent


# --------------------------------------------------------------------- checking
def uncovered(routes, requests, allowed):
    """Lines naming each route (and its addon) no test requests successfully."""
    problems = []
    for addon, route, methods in sorted(routes):
        if route in allowed:
            continue
        regex = route_regex(route)
        matching = [r for r in requests if regex.match(r.path)]
        post_only = methods == ("POST",)
        good = [r for r in matching if r.success and (r.posts or not post_only)]
        if good:
            continue
        verb = "POST" if post_only else "GET"
        seen = ", ".join(r.where for r in matching[:3]) or "nowhere"
        problems.append(
            f"{addon}: {verb} {route} has no test requesting it with an expected "
            f"success status (requested at: {seen}). Request it in a test of "
            f'{addon}, spelling the URL as a literal or f-string (f"/x/{{rec.id}}"), '
            f"and assert status_code (200/303...) in that test, or list it in "
            f"ALLOWED of kelurahan_crm/tests/test_route_coverage.py with a reason."
        )
    return problems
