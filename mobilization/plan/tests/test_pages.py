"""The public pages, the chart and its cache, the climate team's forms, the API and the downloads."""

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from mobilization.core.models import AuditEvent
from mobilization.core.testing import assert_queries_do_not_grow
from mobilization.plan.models import IndicatorValue, Objective, Target
from mobilization.plan.tests.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    ObjectiveFactory,
    ObjectiveWithSeriesFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db


class TableColumns(HTMLParser):
    """How many columns each row of the table with a given caption spans (a cell counts its colspan)."""

    def __init__(self, caption: str):
        super().__init__()
        self.caption, self.rows, self.tables, self.in_caption, self.text = caption, [], [], False, ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append([])
        elif tag == "caption":
            self.in_caption, self.text = True, ""
        elif tag == "tr":
            self.tables[-1].append(0)
        elif tag in ("td", "th"):
            self.tables[-1][-1] += int(attrs.get("colspan", 1))

    def handle_data(self, data):
        if self.in_caption:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "caption":
            self.in_caption = False
            if self.text.strip() == self.caption:
                self.rows = self.tables[-1]


def columns_of(html: str, caption: str) -> list[int]:
    parser = TableColumns(caption)
    parser.feed(html)
    return parser.rows


def test_the_dashboard_shows_paris_footprint_and_energy_use_with_their_summaries(client, paris_plan):
    response = client.get(reverse("plan:dashboard"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Carbon footprint" in html
    card = html[html.index("Carbon footprint") : html.index("Local emissions")]
    assert "On track" in card
    assert "19.3" in card  # 2022's, derived from "−32 % against 2004"
    assert "in 2022" in card
    # −32 % since 2004; the trend of 2018–2022 leads to 13.3 in 2030, −53 %; the target is −40 %.
    assert "−32% since 2004; on the current trend −53% in 2030, target −40%." in card
    energy = html[html.index("Energy use") : html.index("Renewable share")]
    assert "Off track" in energy
    # 30.8 TWh in 2018 is −9 % against 2004's 33.9; 28.3 projected in 2030 is −16 %; the target is −35 %.
    assert "−9% since 2004; on the current trend −16% in 2030, target −35%." in energy
    assert "No data yet" not in html


def test_the_dashboard_reads_the_database_a_fixed_number_of_times(client, db):
    ObjectiveWithSeriesFactory(slug="first")
    counter = iter(range(100))

    def add_objectives():
        for _ in range(5):
            ObjectiveWithSeriesFactory(slug=f"more-{next(counter)}", position=2)

    def fetch():
        from django.core.cache import cache

        cache.clear()
        return client.get(reverse("plan:dashboard"))

    assert_queries_do_not_grow(fetch, add_objectives, at_most=8)


def test_the_dashboard_cards_are_cached_until_a_figure_changes(client, objective):
    client.get(reverse("plan:dashboard"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as cached:
        client.get(reverse("plan:dashboard"))
    assert len(cached.captured_queries) <= 2  # the version (and the session, if any)

    IndicatorValue.objects.create(
        indicator=objective.indicators.get(),
        year=2023,
        value=42.5,
        source_citation="x",
        source_url="https://e.org",
    )
    assert "42.5" in client.get(reverse("plan:dashboard")).content.decode()


def test_the_objective_page_has_the_chart_its_table_the_method_and_the_targets(client, paris_plan):
    response = client.get(reverse("plan:objective", kwargs={"slug": "carbon-footprint"}))

    html = response.content.decode()
    assert response.status_code == 200
    assert f'src="{reverse("plan:chart", kwargs={"slug": "carbon-footprint"})}"' in html
    assert "https://www.paris.fr/pages/plan-climat-20189" in html
    assert "How we compute this" in html
    assert "−80% in 2050 against 2004" in html
    assert "Sector: Air travel" in html
    assert "Sector: Food" in html
    assert "13.3 MtCO2e" in html  # the 2030 projection in the targets' table
    assert "5.3 MtCO2e" in html  # and 2050's
    assert "the target of 17.0 MtCO2e is within reach" in html  # 28.35 × (1 − 0.40) = 17.01
    assert "Record a figure" not in html  # for the climate team only
    energy = client.get(reverse("plan:objective", kwargs={"slug": "energy-use"})).content.decode()
    assert "6.3 TWh short" in energy  # 28.34 projected in 2030 − 22.04 targeted


def test_the_chart_is_named_by_a_short_title_and_the_summary_is_said_once(client, paris_plan):
    html = client.get(reverse("plan:objective", kwargs={"slug": "carbon-footprint"})).content.decode()

    figure = html[html.index('<figure class="plan-chart">') : html.index("</figure>")]
    alt = re.search(r'<img [^>]*alt="([^"]*)"', figure).group(1)
    caption = re.search(r"<figcaption>(.*)</figcaption>", figure).group(1)
    assert alt == "Chart: Carbon footprint"
    assert caption.startswith("−32% since 2004; on the current trend −53% in 2030")
    assert "since 2004" not in alt


def test_an_objective_without_data_says_so_honestly(client, objective):
    objective.indicators.get().values.all().delete()

    html = client.get(reverse("plan:objective", kwargs={"slug": objective.slug})).content.decode()

    assert "No data yet" in html


def test_a_share_is_said_in_its_own_unit_with_its_targets(client, paris_plan):
    html = client.get(reverse("plan:objective", kwargs={"slug": "renewable-share"})).content.decode()

    assert "19 % in 2023; on the current trend 24.1 % in 2030, target 45 %." in html  # not "+90 %"
    assert "100 % in 2050" in html  # the target's label: its value and unit
    assert "25 % in 2020" in html


def test_an_objective_without_a_target_says_the_plan_sets_none(client, paris_plan):
    html = client.get(reverse("plan:objective", kwargs={"slug": "cool-islands"})).content.decode()

    assert "The plan sets no figure to reach" in html
    assert "the baseline is not published" not in html


def test_the_chart_is_an_accessible_svg_cached_until_the_data_changes(client, objective):
    url = reverse("plan:chart", kwargs={"slug": objective.slug})

    first = client.get(url)
    second = client.get(url)

    svg = first.content.decode()
    assert first["Content-Type"].startswith("image/svg+xml")
    assert first["X-Chart-Cache"] == "miss"
    assert "render;dur=" in first["Server-Timing"]
    assert second["X-Chart-Cache"] == "hit"
    assert '<svg role="img" aria-labelledby="chart-title" aria-describedby="chart-desc"' in svg
    assert '<title id="chart-title">Chart: Objective heat</title>' in svg
    assert '<desc id="chart-desc">−10% since 2016; on the current trend' in svg
    assert "<text" in svg  # text stays text (svg.fonttype = none)
    assert "Target path" in svg
    assert "Projection of the recent trend" in svg

    IndicatorValue.objects.create(
        indicator=objective.indicators.get(),
        year=2023,
        value=80,
        source_citation="x",
        source_url="https://e.org",
    )
    third = client.get(url)
    assert third["X-Chart-Cache"] == "miss"


def _path_points(svg: str, gid: str) -> list[tuple[float, float]]:
    """The points of the line matplotlib wrote in <g id="gid">, in SVG coordinates."""
    group = svg[svg.index(f'<g id="{gid}">') :]
    d = re.search(r'<path d="([^"]*)"', group).group(1)
    return [(float(x), float(y)) for x, y in re.findall(r"[ML] ([-\d.]+) ([-\d.]+)", d)]


def test_the_projection_line_starts_at_the_latest_published_point(objective):
    from mobilization.plan.charts import render_chart
    from mobilization.plan.trajectory import trajectory_for

    IndicatorValue.objects.create(
        indicator=objective.indicators.get(),
        year=2018,
        value=97.0,
        source_citation="City report",
        source_url="https://example.org/report",
    )
    # Three figures, 100, 97, 90 in 2016, 2018, 2020: ln 100 = 4.605170, ln 97 = 4.574711, ln 90 = 4.499810,
    # mean 4.559897; centred years −2, 0, +2, Σdx² = 8, Σdx·dy = 2 × (4.499810 − 4.605170) = −0.210721, so
    # b = −0.026340 and the fitted curve is at exp(4.559897 − 0.026340 × 2) = exp(4.507217) = 90.67 in
    # 2020, not at 90.
    trajectory = trajectory_for(objective)
    assert trajectory.assessment.trend.fitted_value_in(2020) == pytest.approx(90.67, abs=0.01)
    assert trajectory.assessment.trend.value_in(2020) == 90.0
    svg = render_chart(trajectory)

    series = _path_points(svg, "plan-series")
    projection = _path_points(svg, "plan-projection")
    assert len(series) == 3
    assert projection[0] == series[-1]  # the dotted line leaves from the 2020 point itself
    assert projection[-1][0] > series[-1][0]  # and goes on to the right, to 2040


def test_the_chart_is_the_same_for_the_same_data(objective):
    from mobilization.plan.charts import render_chart
    from mobilization.plan.trajectory import trajectory_for

    assert render_chart(trajectory_for(objective)) == render_chart(trajectory_for(objective))


def test_the_indicator_page_lists_every_value_with_its_source(client, paris_plan):
    html = client.get(
        reverse("plan:indicator", kwargs={"slug": "carbon-footprint-air-travel"})
    ).content.decode()

    assert "34" in html and "23" in html and "26" in html  # 2018 and 2021 (CCC), 2022 (paris.fr)
    assert "Sector: Air travel" in html


def test_a_visitor_is_sent_to_sign_in_and_a_volunteer_is_refused(client, objective, volunteer):
    url = reverse("plan:add_value", kwargs={"slug": objective.slug})

    assert client.get(url).status_code == 302
    client.force_login(volunteer)
    assert client.get(url).status_code == 403
    assert client.post(url, {}).status_code == 403


def test_city_staff_record_a_figure_and_the_chart_and_dashboard_show_it(client, objective, city_staff):
    client.force_login(city_staff)
    indicator = objective.indicators.get()
    version = objective.data_version

    response = client.post(
        reverse("plan:add_value", kwargs={"slug": objective.slug}),
        {
            "indicator": indicator.pk,
            "year": "2022",
            "value": "84,5",
            "status": "provisional",
            "source_citation": "Bilan 2022",
            "source_url": "https://example.org/bilan-2022",
            "note_fr": "Première estimation",
            "note_en": "First estimate",
        },
    )

    assert response.status_code == 302
    value = IndicatorValue.objects.get(indicator=indicator, year=2022)
    assert value.value == 84.5
    assert value.is_provisional
    assert value.created_by == city_staff
    assert (value.note_en, value.note_fr) == ("First estimate", "Première estimation")
    assert Objective.objects.get(pk=objective.pk).data_version > version
    event = AuditEvent.objects.get(action="plan.indicator_value_recorded")
    assert event.actor == city_staff
    assert event.details["value"] == 84.5
    assert "84.5" in client.get(reverse("plan:objective", kwargs={"slug": objective.slug})).content.decode()


def test_a_figure_for_a_year_already_there_replaces_it_and_the_log_keeps_the_old_one(
    client, objective, city_staff
):
    client.force_login(city_staff)
    data = {
        "indicator": objective.indicators.get().pk,
        "year": "2020",
        "value": "91",
        "status": "final",
        "source_citation": "Corrected report",
        "source_url": "https://example.org/corrected",
    }

    client.post(reverse("plan:add_value", kwargs={"slug": objective.slug}), data)

    assert IndicatorValue.objects.get(indicator__objective=objective, year=2020).value == 91
    assert AuditEvent.objects.get(action="plan.indicator_value_recorded").details["previous"]["value"] == 90


@pytest.mark.parametrize(
    "field, value",
    [
        ("value", "NaN"),
        ("value", "1e309"),
        ("value", "１２"),
        ("year", "1800"),
        ("source_url", "javascript:x"),
        ("source_url", ""),
        ("source_citation", ""),
    ],
)
def test_a_bad_figure_is_refused_with_a_reason_and_nothing_changes(
    client, objective, city_staff, field, value
):
    client.force_login(city_staff)
    data = {
        "indicator": objective.indicators.get().pk,
        "year": "2022",
        "value": "80",
        "status": "final",
        "source_citation": "Report",
        "source_url": "https://example.org/r",
        field: value,
    }

    response = client.post(reverse("plan:add_value", kwargs={"slug": objective.slug}), data)

    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert not IndicatorValue.objects.filter(year=2022).exists()


def test_city_staff_edit_a_target_and_the_status_follows(client, objective, city_staff):
    client.force_login(city_staff)
    target = objective.targets.get()

    response = client.post(
        reverse("plan:target_edit", kwargs={"slug": objective.slug, "pk": target.pk}),
        {
            "year": "2040",
            "value": "",
            "percent_of_baseline": "-10",
            "source": "New plan",
            "note_fr": "Révisée",
            "note_en": "Revised",
        },
    )

    assert response.status_code == 302
    target.refresh_from_db()
    assert target.percent_of_baseline == -10
    assert target.value is None
    assert (target.note_en, target.note_fr) == ("Revised", "Révisée")
    assert AuditEvent.objects.filter(action="plan.target_changed").exists()


def test_a_target_with_both_a_value_and_a_percentage_is_refused(client, objective, city_staff):
    client.force_login(city_staff)

    response = client.post(
        reverse("plan:target_add", kwargs={"slug": objective.slug}),
        {"year": "2050", "value": "10", "percent_of_baseline": "-50"},
    )

    assert response.status_code == 200
    assert "not both" in response.content.decode()
    assert Target.objects.filter(objective=objective).count() == 1


def test_a_second_target_for_the_same_year_is_refused(client, objective, city_staff):
    client.force_login(city_staff)

    response = client.post(
        reverse("plan:target_add", kwargs={"slug": objective.slug}), {"year": "2040", "value": "5"}
    )

    assert response.status_code == 200
    assert "already has a target" in response.content.decode()


def test_the_api_lists_objectives_with_their_status_and_gap(client, paris_plan):
    objectives = client.get("/api/v1/plan/objectives").json()

    footprint = next(item for item in objectives if item["slug"] == "carbon-footprint")
    energy = next(item for item in objectives if item["slug"] == "energy-use")
    assert footprint["status"] == "on_track"
    # Open data in both languages: the reference text and the city's French version side by side.
    assert (footprint["title"], footprint["title_fr"]) == ("Carbon footprint", "Empreinte carbone")
    assert footprint["latest"] == {"year": 2022, "value": 19.28, "status": "derived"}
    assert [t["value"] for t in footprint["targets"]] == pytest.approx([17.01, 5.67])
    assert energy["status"] == "off_track"
    assert energy["latest"] == {"year": 2018, "value": 30.8, "status": "final"}
    assert energy["gap_at_next_target"] == pytest.approx(6.302, abs=1e-3)
    assert {item["status"] for item in objectives}.isdisjoint({"no_data"})


def test_the_api_gives_an_objective_with_its_series_path_and_projection(client, paris_plan):
    data = client.get("/api/v1/plan/objectives/energy-use").json()

    assert [point["year"] for point in data["series"]] == [2004, 2014, 2018]
    assert data["target_path"] == [
        {"year": 2004, "value": 33.9},
        {"year": 2020, "value": pytest.approx(25.425)},
        {"year": 2030, "value": pytest.approx(22.035)},
        {"year": 2050, "value": pytest.approx(16.95)},
    ]
    assert data["projection"]["method"] == "geometric"
    assert data["projection"]["values"][1]["value"] == pytest.approx(28.337, abs=1e-3)
    assert client.get("/api/v1/plan/objectives/nope").status_code == 404


def test_the_api_lists_indicators_and_gives_a_series(client, paris_plan):
    listing = client.get("/api/v1/plan/indicators?limit=2").json()
    series = client.get("/api/v1/plan/indicators/local-emissions").json()

    assert listing["total"] == 28
    assert len(listing["items"]) == 2
    assert [(v["year"], v["value"]) for v in series["series"]] == [
        (2004, 7.42),
        (2014, 5.96),
        (2018, 5.28),
        (2021, 4.82),
        (2022, 4.72),
    ]
    first_published = series["series"][2]
    assert first_published["status"] == "final"
    assert "5.5" in first_published["note"]
    assert "5,5" in first_published["note_fr"]


def downloaded(response) -> str:
    """The text of a streamed download (a spreadsheet's byte order mark first, for the CSV)."""
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_the_downloads_have_every_target_and_value_with_a_readme_and_licence(client, paris_plan):
    objectives = client.get(reverse("plan:download", kwargs={"dataset": "objectives", "format": "csv"}))
    values = client.get(reverse("plan:download", kwargs={"dataset": "indicator-values", "format": "json"}))
    page = client.get(reverse("plan:open_data")).content.decode()

    rows = list(csv.DictReader(io.StringIO(downloaded(objectives))))
    assert len(rows) == 19  # one per target, and one for each of the 3 objectives without a target
    assert 'filename="plan-objectives.csv"' in objectives["Content-Disposition"]
    assert {row["status"] for row in rows if row["objective"] == "carbon-footprint"} == {"on_track"}
    assert {row["title_fr"] for row in rows if row["objective"] == "carbon-footprint"} == {
        "Empreinte carbone"
    }
    body = json.loads(downloaded(values))
    assert len(body["rows"]) == 70
    assert "ODbL" in body["licence"]
    assert "opendatacommons.org" in values["Link"]
    # The attribution says which figures the platform derived.
    assert "Attribution: “Ville de Paris" in body["readme"]
    assert "for those whose status is “derived”" in body["readme"]
    assert {row["status"] for row in body["rows"]} == {"final", "derived"}
    assert "Columns:" in page
    assert "ODbL" in page
    open_data = reverse("plan:open_data")
    assert client.get(f"{open_data}secrets.csv").status_code == 404
    assert client.get(f"{open_data}objectives.xml").status_code == 404


def test_the_objectives_csv_keeps_its_columns_in_their_order(client, paris_plan):
    response = client.get(reverse("plan:download", kwargs={"dataset": "objectives", "format": "csv"}))

    header = next(csv.reader(io.StringIO(downloaded(response))))
    assert header == [
        "objective", "title", "title_fr", "metric", "metric_fr", "unit", "direction", "baseline_year",
        "baseline_value", "latest_year", "latest_value", "status", "gap_at_next_target", "target_year",
        "target_value", "target_percent_of_baseline", "target_is_net_zero", "target_label",
        "title_en", "metric_en",
    ]  # fmt: skip


def test_the_targets_table_spans_the_same_columns_in_every_row(client, city_staff, db):
    objective = ObjectiveWithSeriesFactory(slug="bare")
    client.force_login(city_staff)
    url = reverse("plan:objective", kwargs={"slug": objective.slug})
    caption = "Targets and where the trend leads"

    with_a_target = columns_of(client.get(url).content.decode(), caption)
    objective.targets.all().delete()
    without_targets = columns_of(client.get(url).content.decode(), caption)
    client.logout()
    for_a_visitor = columns_of(client.get(url).content.decode(), caption)

    assert with_a_target == [5, 5]  # the header and the 2040 target, with the edit link's column
    assert without_targets == [5, 5]  # the "No target set." row spans the edit column too
    assert for_a_visitor == [4, 4]


def test_a_past_last_target_is_judged_on_the_latest_figure_on_the_page(client, db):
    objective = ObjectiveFactory(slug="past", title="Past target")
    TargetFactory(objective=objective, year=2020, percent_of_baseline=-20)
    indicator = IndicatorFactory(objective=objective, slug="past-total", title="Total", is_headline=True)
    for year, value in ((2019, 95.0), (2022, 88.0)):
        IndicatorValueFactory(indicator=indicator, year=year, value=value)

    html = client.get(reverse("plan:objective", kwargs={"slug": "past"})).content.decode()

    # −20 % of 100 is 80, due in 2020; 88 in 2022 is 8 above it.
    assert "Off track" in html
    assert (
        "The last target, 80 ktCO2e in 2020, is past: the latest figure, 88 ktCO2e in 2022, is 8 ktCO2e "
        "short of it." in html
    )
    assert "−12% since 2016; the last target, −20% in 2020, is not met." in html
    row = html[html.index("−20% in 2020 against 2016") :]
    assert row.index("—") < row.index("</tr>")  # no projection back to 2020, already measured


def test_the_pages_judge_the_plan_in_the_year_they_are_given(client, paris_plan, this_year):
    url = reverse("plan:objective", kwargs={"slug": "energy-use"})
    assert "Off track" in client.get(url).content.decode()

    this_year(2029)  # 2018's energy use is then more than ten years old
    html = client.get(url).content.decode()

    assert "No recent data" in html
    assert "The latest figure is from 2018: too old to judge the trend." in html


def test_the_method_on_the_page_follows_the_settings_used(client, paris_plan, settings):
    settings.PLAN_RECENT_DATA_YEARS = 12

    html = client.get(reverse("plan:objective", kwargs={"slug": "carbon-footprint"})).content.decode()

    assert "more than 12 years old" in html
    assert "ten years" not in html
    assert "on the last 3 published figures" in html
    assert "within 2% of the baseline" in html


def test_a_derived_figure_is_shown_as_derived_not_published(client, paris_plan):
    from mobilization.plan.charts import render_chart
    from mobilization.plan.trajectory import trajectory_for

    html = client.get(reverse("plan:objective", kwargs={"slug": "carbon-footprint"})).content.decode()
    svg = render_chart(trajectory_for(paris_plan["carbon-footprint"]))

    row = html[html.index('<tr class="plan-derived">') :]
    row = row[: row.index("</tr>")]
    assert "2022" in row
    assert "19.3" in row
    assert "Derived by the platform, not published" in row
    assert "28.35 × (1 − 0.32) = 19.28" in row
    assert "Derived by the platform (not published)" in svg  # its own marker in the chart's legend
    assert html.count('class="plan-derived"') == 1  # 2021's 18.54 is published


def test_an_objective_page_in_french_shows_the_city_texts_in_french(client, paris_plan):
    with translation.override("fr"):
        objective_url, dashboard_url = (
            reverse("plan:objective", kwargs={"slug": "carbon-footprint"}),
            reverse("plan:dashboard"),
        )
    html = client.get(objective_url).content.decode()
    dashboard = client.get(dashboard_url).content.decode()

    assert "<h1>Empreinte carbone</h1>" in html
    assert "Gaz à effet de serre dus à la consommation" in html
    assert "Part du transport aérien dans l&#x27;empreinte" in html
    assert "Transport aérien" in html
    assert "D&#x27;abord publiée à 22,7 MtCO2e, soit −20 % par rapport à 2004" in html
    assert re.search(r'<img [^>]*alt="[^"]*Empreinte carbone"', html)  # the chart's name, in French
    assert "Empreinte carbone" in dashboard
    assert "Émissions locales" in dashboard


def test_the_objective_page_shows_the_sections_other_apps_register_in_their_order(client, objective):
    from django.utils.safestring import mark_safe

    from mobilization.plan import registries

    registries.objective_sections.register(
        "test-late", lambda request, objective: mark_safe("<p>Late section</p>"), order=99
    )
    registries.objective_sections.register("test-silent", lambda request, objective: "", order=98)
    try:
        html = client.get(reverse("plan:objective", kwargs={"slug": objective.slug})).content.decode()
    finally:
        registries.objective_sections.unregister("test-late")
        registries.objective_sections.unregister("test-silent")

    assert "<p>Late section</p>" in html
    assert html.index("Plan actions serving this objective") < html.index("Late section")
