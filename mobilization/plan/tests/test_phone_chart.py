"""On a phone the objective's chart is drawn for the phone: its text stays legible 343 px wide."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

# A 375 px phone screen less the page's margins: the width the chart is shown at.
PHONE_CHART_WIDTH = 343
LEGIBLE_PX = 11


def _view_box_width(svg: str) -> float:
    return float(re.search(r'viewBox="0 0 ([\d.]+) [\d.]+"', svg).group(1))


def _smallest_text_on_a_phone(svg: str) -> float:
    """The smallest text of the SVG in screen pixels once the image is scaled to the phone's width."""
    sizes = [float(size) for size in re.findall(r"font-size: ([\d.]+)px", svg)]
    assert sizes, "the chart's text is text (svg.fonttype none), with its size"
    return min(sizes) * PHONE_CHART_WIDTH / _view_box_width(svg)


def _axes_bottom(svg: str) -> float:
    """The y of the axes' lower edge (matplotlib's axes background, <g id="patch_2">)."""
    group = svg[svg.index('<g id="patch_2">') :]
    return max(float(y) for y in re.findall(r"[ML] [-\d.]+ ([-\d.]+)", group[: group.index("</g>")]))


def _text_y(svg: str, text: str) -> float:
    return float(re.search(rf'y="([-\d.]+)"[^>]*>{re.escape(text)}</text>', svg).group(1))


def test_the_phone_layout_of_a_chart_keeps_its_text_legible_and_its_legend_under_the_axes(client, paris_plan):
    url = reverse("plan:chart", kwargs={"slug": "local-emissions"})

    wide = client.get(url).content.decode()
    narrow = client.get(url, {"layout": "narrow"}).content.decode()

    assert _smallest_text_on_a_phone(wide) < LEGIBLE_PX  # why a phone needs its own layout
    assert _smallest_text_on_a_phone(narrow) >= LEGIBLE_PX
    bottom = _axes_bottom(narrow)
    for label in ("Target path", "Targets", "Published figures", "Projection of the recent trend"):
        assert _text_y(narrow, label) > bottom, f"the legend's “{label}” is under the axes, over no figure"
    assert '<title id="chart-title">' in narrow  # still named for assistive technology


def test_an_unknown_layout_gives_the_wide_chart(client, paris_plan):
    url = reverse("plan:chart", kwargs={"slug": "local-emissions"})

    answer = client.get(url, {"layout": "<script>"})

    assert answer.status_code == 200
    assert _view_box_width(answer.content.decode()) == _view_box_width(client.get(url).content.decode())


def test_each_layout_is_cached_apart(client, paris_plan):
    url = reverse("plan:chart", kwargs={"slug": "local-emissions"})

    client.get(url)
    first_narrow = client.get(url, {"layout": "narrow"})
    second_narrow = client.get(url, {"layout": "narrow"})

    assert first_narrow["X-Chart-Cache"] == "miss"
    assert second_narrow["X-Chart-Cache"] == "hit"
    assert _view_box_width(second_narrow.content.decode()) < _view_box_width(client.get(url).content.decode())


def test_the_objective_page_offers_phones_the_narrow_chart(client, paris_plan):
    html = client.get(reverse("plan:objective", kwargs={"slug": "local-emissions"})).content.decode()

    chart = reverse("plan:chart", kwargs={"slug": "local-emissions"})
    assert f'<source media="(max-width: 40rem)" srcset="{chart}?layout=narrow"' in html
    assert f'<img src="{chart}"' in html
