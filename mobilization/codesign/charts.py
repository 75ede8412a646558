"""A survey question's results as a horizontal bar chart in SVG, drawn on the server (no script); the
page puts the same figures in a table beside it."""

from django.utils.html import format_html, format_html_join

BAR_HEIGHT, GAP, LABEL_WIDTH, BAR_WIDTH = 22, 8, 180, 260


def bar_chart(options, *, labelled_by: str) -> str:
    """`options`: objects with `label`, `count` and `percent` (0-100)."""
    height = len(options) * (BAR_HEIGHT + GAP) or BAR_HEIGHT
    width = LABEL_WIDTH + BAR_WIDTH + 100
    rows = format_html_join(
        "",
        '<g transform="translate(0 {})"><text x="0" y="15" class="cd-chart-label">{}</text>'
        '<rect x="{}" y="0" width="{}" height="{}" class="cd-chart-bar"></rect>'
        '<text x="{}" y="15" class="cd-chart-value">{} ({} %)</text></g>',
        (
            (
                index * (BAR_HEIGHT + GAP),
                option.label if len(option.label) <= 26 else option.label[:25] + "…",
                LABEL_WIDTH,
                round(BAR_WIDTH * option.percent / 100, 1),
                BAR_HEIGHT,
                LABEL_WIDTH + round(BAR_WIDTH * option.percent / 100, 1) + 6,
                option.count,
                f"{option.percent:.0f}",
            )
            for index, option in enumerate(options)
        ),
    )
    return format_html(
        '<svg class="cd-chart" role="img" aria-labelledby="{}" viewBox="0 0 {} {}" '
        'xmlns="http://www.w3.org/2000/svg">{}</svg>',
        labelled_by,
        width,
        height,
        rows,
    )
