"""The page shell: a page's layout (head, header, navigation, footer) rendered once per process and
language for visitors who are not signed in, then filled in on each request.

Rendering the base layout costs more than most of a cached page (a dozen `{% url %}`, translations,
static paths). For someone who is not signed in, it depends on nothing but the language, the section of
the site (the navigation marks it) and the page's own parts. `render_page` renders the page once with a
placeholder in each part that changes from one request to the next, keeps the result split at the
placeholders, and fills them on each request:

- the parts the view gives (`fill`: the page's content, a title…), escaped unless marked safe;
- the CSP nonce of this response (asking for it puts it in this response's header);
- the addresses of the same page in the other languages (they repeat the path and query string).

It is used only when it is safe to: the visitor is not signed in and has no message waiting (a message
is shown once, to its reader); otherwise the page is rendered whole, as `render()` does. A shell whose
rendering asked for a CSRF token (a form for someone not signed in) is not kept: the token belongs to
one visitor. The views that use it give every other value of their context in `context`, and it is part
of the shell's key: a template rendered this way must depend on nothing else of the request.

`render_fragment` does the same for a part of a page that depends on nothing of the visitor (a list's
frame: its map, headings and table head around the rows), for everyone.

The shells live in this process (templates and translations only change with a new release), at most
MAX_SHELLS of them, and are dropped when a setting changes (tests) or a file changes (the development
server's autoreload).
"""

import functools
import re
import secrets
import threading
from collections import OrderedDict

from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.autoreload import file_changed
from django.utils.encoding import iri_to_uri
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

MAX_SHELLS = 512
# A placeholder cannot come from a page's text: it holds a control character and a secret of this process.
_MARK = f"\x02{secrets.token_hex(8)}:"
_END = "\x03"
_PLACEHOLDER = re.compile(re.escape(_MARK) + r"([A-Za-z0-9_.:-]+)" + re.escape(_END))
NONCE = "csp-nonce"
LANGUAGE_URL = "language-url:"
# Set in a shell's context while it is rendered: the `other_languages` tag then gives placeholders.
RENDERING_SHELL = "rendering_page_shell"

_shells: OrderedDict[tuple, list[str]] = OrderedDict()
_lock = threading.Lock()


def placeholder(name: str) -> str:
    return mark_safe(f"{_MARK}{name}{_END}")  # noqa: S308 -- a control character and hex digits


def language_url_placeholder(code: str) -> str:
    return placeholder(f"{LANGUAGE_URL}{code}")


def forget_shells(**kwargs) -> None:
    with _lock:
        _shells.clear()


setting_changed.connect(forget_shells, dispatch_uid="core.shell.setting_changed")
file_changed.connect(forget_shells, dispatch_uid="core.shell.file_changed")


def may_use_shell(request) -> bool:
    """Not signed in, and no message waiting to be shown."""
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return False
    storage = getattr(request, "_messages", None)
    return storage is None or len(storage) == 0


def render_page(request, template_name: str, context: dict, fill: dict) -> HttpResponse:
    """`render(request, template_name, context | fill)`, from the process's shell of the page when the
    visitor is not signed in (see the module's docstring). `context`'s values are part of the shell's key
    (hashable: strings, numbers, booleans); `fill`'s change on every request."""
    if not may_use_shell(request):
        return render(request, template_name, {**context, **fill})
    match = getattr(request, "resolver_match", None)
    key = (
        template_name,
        get_language(),
        match.namespace if match else None,
        request.is_secure(),
        tuple(sorted(context.items())),
    )
    parts = _shells.get(key)
    if parts is None:
        parts = _render_shell(request, template_name, context, fill, key)
    values = {name: conditional_escape(value) for name, value in fill.items()}
    values[NONCE] = str(getattr(request, "csp_nonce", ""))
    if any(part.startswith(LANGUAGE_URL) for part in parts[1::2]):
        for link in language_links(request):
            values[f"{LANGUAGE_URL}{link['code']}"] = conditional_escape(link["url"])
    return HttpResponse("".join(values[part] if index % 2 else part for index, part in enumerate(parts)))


def render_fragment(request, template_name: str, context: dict, fill: dict, *, decided_by_key=None) -> str:
    """`render_to_string(template_name, context | fill, request=request)` from the process's shell of the
    fragment, for anyone: the template may depend on the language, the settings, `context` (part of the
    key) and `fill` (escaped unless marked safe), and on nothing else of the request or the visitor.

    `decided_by_key`: more of the template's context, for rendering the shell only, that the rest of the
    key decides (a bound filter form, decided by its query string in `context`): not part of the key."""
    key = ("fragment", template_name, get_language(), tuple(sorted(context.items())))
    parts = _shells.get(key)
    if parts is None:
        parts = _render_shell(request, template_name, {**(decided_by_key or {}), **context}, fill, key)
    values = {name: conditional_escape(value) for name, value in fill.items()}
    return mark_safe("".join(values[part] if index % 2 else part for index, part in enumerate(parts)))  # noqa: S308


def _render_shell(request, template_name: str, context: dict, fill: dict, key: tuple) -> list[str]:
    csrf_before = request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    shell_context = {
        **context,
        **{name: placeholder(name) for name in fill},
        "CSP_NONCE": placeholder(NONCE),
        RENDERING_SHELL: True,
    }
    html = render_to_string(template_name, shell_context, request=request)
    parts = _PLACEHOLDER.split(html)  # literal text, a placeholder's name, literal text…
    asked_for_token = request.META.get("CSRF_COOKIE_NEEDS_UPDATE") and not csrf_before
    if not asked_for_token and not settings.DEBUG:
        with _lock:
            _shells[key] = parts
            while len(_shells) > MAX_SHELLS:
                _shells.popitem(last=False)
    return parts


def language_links(request, *, with_urls: bool = True) -> list[dict]:
    """The same page in each other language of the site: `code`, `name` (in its own language) and `url`
    (the query string kept; the home page for a page that is not one of the site's routes). The
    `other_languages` template tag gives them to the layout."""
    current = translation.get_language()
    query = iri_to_uri(request.META.get("QUERY_STRING", ""))  # as in request.get_full_path()
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        url = None
        if with_urls:
            translated = _translated_path(request.path, current, code)
            url = f"{translated}?{query}" if query and translated is not None else translated
            if translated is None:
                with translation.override(code):
                    url = reverse("home")
        name = translation.get_language_info(code)["name_local"].capitalize()
        links.append({"code": code, "name": name, "url": url})
    return links


@functools.lru_cache(maxsize=4096)
def _translated_path(path: str, current: str, code: str) -> str | None:
    """The path of the same route in the language `code`, or None when `path` is no route of the site.

    Kept per path: translating resolves the path against every route and reverses it (a tenth of a cold
    list page's work), and the query string, which changes on every search, plays no part in it."""
    with translation.override(current):
        translated = translate_url(path, code)
    return None if translated == path else translated
