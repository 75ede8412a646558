"""The API's documentation page: Swagger UI from our own static files.

django-ninja's default page loads Swagger UI from a CDN (or needs "ninja" among the installed apps, with an
older copy of its own); our Content Security Policy allows scripts from this site only, so the page was
blank. The vendored copy is in `static/vendor/swagger-ui/` (version and licence in its README), and the
page is set up by a static script, not an inline one: the policy's nonces stay the only way in.
"""

from django.shortcuts import render
from ninja.openapi.docs import DocsBase


class VendoredSwagger(DocsBase):
    template = "api/docs.html"

    def render_page(self, request, api, **kwargs):
        return render(
            request,
            self.template,
            {"api": api, "openapi_url": self.get_openapi_url(api, kwargs)},
        )
