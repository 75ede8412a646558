"""An objective's chart as SVG, drawn on the server with matplotlib, and a tiny sparkline for the cards.

The chart shows the headline series (filled circles; provisional figures as hollow squares, figures
derived by the platform as hollow triangles), the target path (dashed), the projection of the recent
trend (dotted, from the latest figure on) and the targets (diamonds): every element differs by its
marker or line style, not only by its colour. Text stays text in the SVG (`svg.fonttype = none`), the
output is stable for the same data (`svg.hashsalt`), and the SVG names itself with a short <title>
(`chart_title()`) and describes itself with a <desc> (the text summary).

The page shows the chart as an <img> (the SVG's inline `style` attributes would break the page's strict
Content Security Policy if it were inlined): its alt text is the same short title, and the summary is
the figure's caption, so a screen reader reads the summary once, not twice.

Each chart comes in two layouts: "wide" (720 × 400, the legend inside the axes) for screens where it is
shown about at its own size, and "narrow" (400 × 480, larger type, the legend under the axes) for
phones, where the page shows it 340 px wide: its text then stays at 11 px or more instead of shrinking
to 5 px. The page picks one with <picture> and a media query, no script.

Charts are cached under a key holding the objective's data version, the layout and the year the status
is judged in: a new value, or a new year, makes a new key, and the old entry simply expires.
"""

import io
import logging
import time

from django.core.cache import cache
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from matplotlib import rc_context
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

from mobilization.core.trajectory import Point
from mobilization.plan import trajectory as trajectories

logger = logging.getLogger(__name__)

CHART_CACHE_SECONDS = 60 * 60 * 24
SERIES_COLOUR = "#1b4f72"
PATH_COLOUR = "#1e7b34"
PROJECTION_COLOUR = "#b03a2e"
TARGET_COLOUR = "#6c3483"


# Layouts: figure size in inches (at 100 dpi), the base font size, the legend's, and where the legend goes.
LAYOUTS = {
    "wide": {"figsize": (7.2, 4.0), "font_size": 10, "legend_size": 9, "legend_below": False},
    "narrow": {"figsize": (4.0, 4.8), "font_size": 13, "legend_size": 12, "legend_below": True},
}
NARROW = "narrow"
WIDE = "wide"


def cache_key(objective, kind: str = "chart") -> str:
    year = trajectories.current_year()
    return f"plan:{kind}:v2:{objective.pk}:{objective.data_version}:{year}:{get_language()}"


def chart_title(objective) -> str:
    """The chart's short accessible name (its alt text and SVG <title>): the summary is said elsewhere."""
    return _("Chart: %(title)s") % {"title": objective.title}


def chart_cache_key(objective, layout: str = WIDE) -> str:
    return cache_key(objective, "chart" if layout == WIDE else f"chart-{layout}")


def chart_svg(trajectory: trajectories.ObjectiveTrajectory, layout: str = WIDE) -> tuple[str, float | None]:
    """The chart and how long drawing it took (ms), or None when it came from the cache."""
    key = chart_cache_key(trajectory.objective, layout)
    svg = cache.get(key)
    if svg is not None:
        return svg, None
    started = time.perf_counter()
    svg = render_chart(trajectory, layout)
    elapsed = (time.perf_counter() - started) * 1000
    logger.info("plan.chart rendered objective=%s in %.1f ms", trajectory.objective.slug, elapsed)
    cache.set(key, svg, CHART_CACHE_SECONDS)
    return svg, elapsed


def render_chart(trajectory: trajectories.ObjectiveTrajectory, layout: str = WIDE) -> str:
    objective = trajectory.objective
    assessment = trajectory.assessment
    shape = LAYOUTS[layout]
    settings = {"svg.fonttype": "none", "svg.hashsalt": "climate-plan", "font.size": shape["font_size"]}
    with rc_context(settings):
        figure = Figure(figsize=shape["figsize"], dpi=100)
        FigureCanvasSVG(figure)
        axes = figure.add_subplot()
        try:
            _draw(axes, trajectory)
            axes.set_ylabel(objective.unit)
            axes.grid(True, color="#dddddd", linewidth=0.6)
            axes.spines[["top", "right"]].set_visible(False)
            handles = axes.get_legend_handles_labels()[0]
            if handles and shape["legend_below"]:
                # One entry a line under the axes: nothing overlaps the figures, every label is whole.
                figure.legend(
                    loc="lower left",
                    bbox_to_anchor=(0.0, 0.0),
                    ncols=1,
                    frameon=False,
                    fontsize=shape["legend_size"],
                    borderaxespad=0.2,
                )
            elif handles:
                axes.legend(loc="best", frameon=False, fontsize=shape["legend_size"])
            if assessment.latest is None:
                axes.text(
                    0.5,
                    0.5,
                    _("No data yet"),
                    transform=axes.transAxes,
                    ha="center",
                    va="center",
                    color="#555555",
                )
            if handles and shape["legend_below"]:
                # The legend's lines take the bottom of the figure; the axes keep the rest.
                lines = len(handles)
                figure.tight_layout(rect=(0, min(0.5, 0.02 + 0.052 * lines), 1, 1))
            else:
                figure.tight_layout()
            buffer = io.StringIO()
            figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        finally:
            figure.clear()
            del figure
    return _with_title(buffer.getvalue(), chart_title(objective), trajectory.summary)


def _draw(axes, trajectory) -> None:
    assessment = trajectory.assessment
    path = assessment.path
    if len(path) > 1:
        axes.plot(
            [point.year for point in path],
            [point.value for point in path],
            linestyle="--",
            color=PATH_COLOUR,
            linewidth=1.6,
            label=_("Target path"),
        )
    target_points = [point for point in path if assessment.baseline is None or point is not path[0]]
    if target_points:
        axes.plot(
            [point.year for point in target_points],
            [point.value for point in target_points],
            linestyle="none",
            marker="D",
            markersize=7,
            color=TARGET_COLOUR,
            label=_("Targets"),
        )
    if assessment.trend is not None and assessment.projections:
        # From the latest figure itself (value_in starts there), so the dotted line continues the series.
        start = assessment.latest.year
        end = max(projection.year for projection in assessment.projections)
        years = list(range(start, end + 1))
        axes.plot(
            years,
            [assessment.trend.value_in(year) for year in years],
            linestyle=":",
            color=PROJECTION_COLOUR,
            linewidth=2,
            label=_("Projection of the recent trend"),
            gid="plan-projection",
        )
    points = _points(trajectory)
    final = [point for point in points if not (point.is_provisional or point.is_derived)]
    provisional = [point for point in points if point.is_provisional]
    derived = [point for point in points if point.is_derived]
    if points:
        axes.plot(
            [point.year for point in points],
            [point.value for point in points],
            linestyle="-",
            color=SERIES_COLOUR,
            linewidth=1.2,
            gid="plan-series",
        )
    if final:
        axes.plot(
            [point.year for point in final],
            [point.value for point in final],
            linestyle="none",
            marker="o",
            markersize=6,
            color=SERIES_COLOUR,
            label=_("Published figures"),
        )
    if provisional:
        axes.plot(
            [point.year for point in provisional],
            [point.value for point in provisional],
            linestyle="none",
            marker="s",
            markersize=7,
            markerfacecolor="white",
            color=SERIES_COLOUR,
            label=_("Provisional figures"),
        )
    if derived:
        axes.plot(
            [point.year for point in derived],
            [point.value for point in derived],
            linestyle="none",
            marker="^",
            markersize=8,
            markerfacecolor="white",
            color=SERIES_COLOUR,
            label=_("Derived by the platform (not published)"),
        )
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.set_ylim(bottom=min(0, axes.get_ylim()[0]))


def _points(trajectory) -> list[Point]:
    return [
        Point(value.year, value.value, value.is_provisional, value.is_derived) for value in trajectory.values
    ]


def _with_title(svg: str, title: str, description: str) -> str:
    """The chart names itself to assistive technology with its short <title> and describes itself with
    the summary in <desc> (a name made of both would read the whole summary as the image's name)."""
    start = svg.index("<svg")
    end = svg.index(">", start)
    opening = svg[start:end].replace(
        "<svg", '<svg role="img" aria-labelledby="chart-title" aria-describedby="chart-desc"', 1
    )
    head = (
        f'<title id="chart-title">{escape(title)}</title><desc id="chart-desc">{escape(description)}</desc>'
    )
    return svg[:start] + opening + ">" + head + svg[end + 1 :]


def sparkline_points(trajectory, width: int = 120, height: int = 32) -> dict | None:
    """Coordinates for a sparkline drawn in the dashboard's template (no matplotlib, no query)."""
    values = trajectory.values
    path = trajectory.assessment.path
    if len(values) < 2:
        return None
    years = [value.year for value in values] + [point.year for point in path]
    numbers = [value.value for value in values] + [point.value for point in path]
    low_year, high_year = min(years), max(years)
    low, high = min(numbers + [0]), max(numbers)
    span_x = (high_year - low_year) or 1
    span_y = (high - low) or 1

    def xy(year, value):
        x = 2 + (year - low_year) / span_x * (width - 4)
        y = height - 2 - (value - low) / span_y * (height - 4)
        return f"{x:.1f},{y:.1f}"

    return {
        "width": width,
        "height": height,
        "series": " ".join(xy(value.year, value.value) for value in values),
        "path": " ".join(xy(point.year, point.value) for point in path) if len(path) > 1 else "",
    }
