"""The one pagination of the platform, as HTML: `{% include "core/includes/pagination.html" with page=page %}`
calls `pagination_html` through the `pagination` tag.

The links keep the query string (filters, sorting, a search) with another page number, as Django's
`{% querystring page=… %}` writes them. The markup (`core/includes/_pagination_frame.html`) is rendered
once per process, language and shape (which links, which labels) as a `core.shell` fragment, then filled
with this request's addresses and numbers: rendering it through the template engine on every request was
a tenth of the work of a search that misses the results cache.
"""

from urllib.parse import urlencode

from mobilization.core import shell

FRAME = "core/includes/_pagination_frame.html"


def page_urls(request):
    """A function of a page number giving the current address's query string with `page` set to that
    number, as `{% querystring page=… %}` writes it (`page` where it was, else last; the rest encoded
    as `QueryDict.urlencode` does). The other parameters are encoded once for all the links of a page:
    copying the request's QueryDict for each link deep-copied it."""
    before, after, seen = [], [], False
    for name, values in request.GET.lists():
        if name == "page":
            seen = True
            continue
        (after if seen else before).extend((name, value) for value in values)
    head, tail = urlencode(before), urlencode(after)
    head, tail = f"{head}&" if head else "", f"&{tail}" if tail else ""
    return lambda number: f"?{head}page={number}{tail}"


def pagination_html(
    request, page, *, label=None, first_last=False, previous_label=None, next_label=None
) -> str:
    """The links to the other pages of `page` (a Paginator's page), or "" when there is only one."""
    if page is None or not page.has_other_pages():
        return ""
    shape = {
        "has_previous": page.has_previous(),
        "has_next": page.has_next(),
        "first_last": bool(first_last),
        # Labels are part of the fragment's key: strings in the page's language (lazy ones resolved).
        "label": str(label) if label else "",
        "previous_label": str(previous_label) if previous_label else "",
        "next_label": str(next_label) if next_label else "",
    }
    last = page.paginator.num_pages
    url = page_urls(request)
    fill = {
        "number": str(page.number),
        "total": str(last),
        "first_url": url(1),
        "previous_url": url(page.previous_page_number()) if page.has_previous() else "",
        "next_url": url(page.next_page_number()) if page.has_next() else "",
        "last_url": url(last),
    }
    return shell.render_fragment(request, FRAME, shape, fill)
