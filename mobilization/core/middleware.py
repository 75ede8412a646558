"""Cache headers: what a proxy and a browser may keep, and the 304 that saves sending a page again.

A public page read by someone who is not signed in is the same for everyone who is not signed in: it
carries no cookie and says `Cache-Control: public, max-age=…, stale-while-revalidate=…`, so that a
reverse proxy (deploy/README.md) answers the crowd of a heatwave morning from its cache. Its language
is in its address (/fr/…, /en/…), so the address alone tells the French page from the English one.

Everything else stays private: a page for someone signed in, and a page that sets a cookie (a form that
needs the CSRF cookie, a message kept for the next page, a session), say `private, no-cache`. A view
that chose its own Cache-Control (`never_cache`, a download, a feed) keeps it.

Every successful GET gets an ETag, a digest of the page, and a request whose If-None-Match holds it is
answered 304 Not Modified without the page. The CSP nonce changes on every response: the digest is taken
with it left out, and the 304 carries no Content-Security-Policy (Django keeps only the caching headers
on a 304), so that the copy the browser kept stays consistent with its own header. Reusing a nonce
within a cached copy gives an attacker nothing: the nonce is only known once the page that holds it
(and whatever was injected into it) has been rendered.
"""

import hashlib

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import quote_etag

SAFE_METHODS = ("GET", "HEAD")


def is_public(request, response) -> bool:
    """May a shared cache keep this response and give it to anyone who is not signed in?"""
    user = getattr(request, "user", None)
    return (
        request.method in SAFE_METHODS
        and response.status_code == 200
        and not response.cookies
        and not (user is not None and user.is_authenticated)
        and not response.has_header("Cache-Control")
    )


def page_etag(request, response) -> str:
    """A digest of the page, with this response's CSP nonce left out."""
    content = response.content
    nonce = getattr(request, "_csp_nonce", None)  # django-csp keeps the nonce here once a page used it
    if isinstance(nonce, str) and nonce:
        content = content.replace(nonce.encode(), b"")
    return quote_etag(hashlib.md5(content, usedforsecurity=False).hexdigest())


class CacheHeadersMiddleware:
    """Public for anonymous reads of pages, private for the rest, an ETag and 304 for both.

    It sits above the session, CSRF, messages and CSP middleware, so that it sees the cookies they set
    and the nonce the page used."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.max_age = settings.PUBLIC_PAGE_MAX_AGE
        self.stale_while_revalidate = settings.PUBLIC_PAGE_STALE_WHILE_REVALIDATE

    def __call__(self, request):
        response = self.get_response(request)
        # htmx asks for a part of a page with this header: the part and the whole page are two answers.
        patch_vary_headers(response, ("HX-Request",))
        if is_public(request, response):
            patch_cache_control(
                response,
                public=True,
                max_age=self.max_age,
                stale_while_revalidate=self.stale_while_revalidate,
            )
        elif not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        if request.method not in SAFE_METHODS or response.status_code != 200 or response.streaming:
            return response
        if not response.has_header("ETag"):
            response["ETag"] = page_etag(request, response)
        return get_conditional_response(request, etag=response["ETag"], response=response)
