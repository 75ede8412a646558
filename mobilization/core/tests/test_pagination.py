"""The one pagination's links: the query string kept, as Django's `{% querystring page=… %}` writes it."""

import html

import pytest
from django.template import RequestContext, Template
from django.test import RequestFactory

from mobilization.core.pagination import page_urls


@pytest.mark.parametrize(
    "query",
    [
        "",
        "page=3",
        "q=v%C3%A9lo+%26+compost&page=2&district=75111",
        "theme=food&theme=greening&page=4",
        "page=1&sort=nearest&lat=48.85&lon=2.35",
        "q=%3Cscript%3E&page=x&page=9",
        "q=a%2Bb%20c&near_district=75104",
    ],
)
def test_page_links_keep_the_query_string_as_django_querystring_writes_it(query):
    request = RequestFactory().get(f"/fr/initiatives/?{query}")
    django_wrote = Template("{% querystring page=number %}")
    for number in (1, 2, 17):
        expected = html.unescape(django_wrote.render(RequestContext(request, {"number": number})))
        assert page_urls(request)(number) == expected
