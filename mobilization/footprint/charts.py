"""The calculator's charts, server-rendered SVG: small enough to write by hand, each with its data table
on the page (the table is what a screen reader reads; the SVG is `role="img"` with a title).

Bars are labelled in text above them (a phone keeps the text legible: the chart is narrow), the values are
written beside them, and a category is told from its sub-categories by weight and indentation, not only
by colour.
"""

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 400
ROW = 36
BAR_MAX = 300


def _number(value: float, decimals: int = 1) -> str:
    return number_format(round(value, decimals), decimal_pos=decimals, use_l10n=True)


def bars(rows: list[tuple[str, float, bool]], *, title: str, unit: str) -> SafeString:
    """Horizontal bars: rows of (label, value, is_a_heading). Headings are bold and darker; the others
    are indented."""
    top = max((value for _, value, _ in rows), default=0) or 1
    height = ROW * len(rows) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="footprint-chart" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="chart-title-bars"><title id="chart-title-bars">{escape(title)}</title>'
    ]
    for index, (label, value, heading) in enumerate(rows):
        y = index * ROW + 4
        x = 0 if heading else 16
        width = max(1.0, (BAR_MAX - x) * value / top)
        css = "bar-heading" if heading else "bar"
        weight = ' font-weight="bold"' if heading else ""
        parts.append(
            f'<text x="{x}" y="{y + 12}" font-size="13"{weight}>{escape(label)}</text>'
            f'<rect class="{css}" x="{x}" y="{y + 17}" width="{width:.1f}" height="13"></rect>'
            f'<text x="{x + width + 6:.1f}" y="{y + 28}" font-size="12">'
            f"{escape(_number(value))} {escape(unit)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def line(
    points: list[tuple[str, float]], *, title: str, unit: str, references: list[tuple[str, float]]
) -> SafeString:
    """A line of values over successive saves (label, value), with horizontal reference lines (the
    average, the target) drawn dashed and named in text."""
    height, left, right, top_margin, bottom = 240, 44, 16, 12, 40
    plot_w, plot_h = WIDTH - left - right, height - top_margin - bottom
    values = [value for _, value in points] + [value for _, value in references]
    ceiling = max(values, default=1) * 1.1 or 1

    def y_of(value: float) -> float:
        return top_margin + plot_h * (1 - value / ceiling)

    def x_of(index: int) -> float:
        return left + (plot_w * index / (len(points) - 1) if len(points) > 1 else plot_w / 2)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="footprint-chart" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="chart-title-line"><title id="chart-title-line">{escape(title)}</title>',
        f'<line class="axis" x1="{left}" y1="{top_margin + plot_h}" x2="{WIDTH - right}" '
        f'y2="{top_margin + plot_h}"></line>',
        f'<text x="0" y="{top_margin + 4}" font-size="11">'
        f"{escape(_number(ceiling, 0))} {escape(unit)}</text>",
        f'<text x="0" y="{top_margin + plot_h}" font-size="11">0</text>',
    ]
    for label, value in references:
        y = y_of(value)
        parts.append(
            f'<line class="reference" x1="{left}" y1="{y:.1f}" x2="{WIDTH - right}" y2="{y:.1f}"></line>'
            f'<text x="{WIDTH - right}" y="{y - 4:.1f}" font-size="11" text-anchor="end">'
            f"{escape(label)}</text>"
        )
    coordinates = " ".join(f"{x_of(i):.1f},{y_of(value):.1f}" for i, (_, value) in enumerate(points))
    if len(points) > 1:
        parts.append(f'<polyline class="series" points="{coordinates}"></polyline>')
    for index, (label, value) in enumerate(points):
        x, y = x_of(index), y_of(value)
        parts.append(f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="4"></circle>')
        if index in (0, len(points) - 1):
            anchor = "start" if index == 0 and len(points) > 1 else "end" if len(points) > 1 else "middle"
            parts.append(
                f'<text x="{x:.1f}" y="{height - bottom + 18}" font-size="11" text-anchor="{anchor}">'
                f"{escape(label)}</text>"
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
