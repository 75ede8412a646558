"""The charts of the action plan and of the figures per arrondissement: server-rendered SVG, each shown
beside its data table (the table is what a screen reader reads; the SVG is `role="img"` with a title).

Bars are labelled in text above them and their values written beside them; the 2 t target is a dashed
line named in text, so that nothing is told by colour alone.
"""

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 320
ROW = 40
LABEL_COLOUR = "#1a1a1a"
BAR_COLOURS = ("#6b4e16", "#1d6b3a", "#2b5c8a")


def tonnes(kg: float) -> str:
    return number_format(round(kg / 1000, 1), decimal_pos=1, use_l10n=True)


def bars(
    rows: list[tuple[str, float]],
    *,
    title: str,
    ident: str,
    unit: str = "t",
    target: tuple[str, float] | None = None,
    missing: str = "",
    colours: tuple[str, ...] = BAR_COLOURS,
) -> SafeString:
    """Horizontal bars of kgCO2e values, written in tonnes: rows of (label, value or None). A None value
    is written as `missing` ("fewer than 10") without a bar. `target` (label, kg) is a dashed line."""
    values = [value for _, value in rows if value is not None]
    top = max([*values, target[1] if target else 0.0], default=0.0) * 1.15 or 1.0
    bar_max = WIDTH - 70
    height = ROW * len(rows) + (24 if target else 8)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="footprint-chart footprint-plan-chart" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-labelledby="{ident}-title">'
        f'<title id="{ident}-title">{escape(title)}</title>'
    ]
    for index, (label, value) in enumerate(rows):
        y = index * ROW + 4
        parts.append(f'<text x="0" y="{y + 13}" font-size="13" fill="{LABEL_COLOUR}">{escape(label)}</text>')
        if value is None:
            parts.append(
                f'<text x="0" y="{y + 31}" font-size="12" font-style="italic" fill="{LABEL_COLOUR}">'
                f"{escape(missing)}</text>"
            )
            continue
        width = max(1.0, bar_max * value / top)
        colour = colours[index % len(colours)]
        parts.append(
            f'<rect x="0" y="{y + 18}" width="{width:.1f}" height="15" fill="{colour}"></rect>'
            f'<text x="{width + 6:.1f}" y="{y + 30}" font-size="12" fill="{LABEL_COLOUR}">'
            f"{escape(tonnes(value))} {escape(unit)}</text>"
        )
    if target:
        x = bar_max * target[1] / top
        bottom = ROW * len(rows) + 4
        # Dashed across the bars only, so that it never crosses a label.
        parts += [
            f'<line x1="{x:.1f}" y1="{index * ROW + 18}" x2="{x:.1f}" y2="{index * ROW + 40}" '
            f'stroke="{LABEL_COLOUR}" stroke-width="1.5" stroke-dasharray="4 3"></line>'
            for index, (_, value) in enumerate(rows)
            if value is not None
        ]
        parts.append(
            f'<text x="{x:.1f}" y="{bottom + 14}" font-size="12" text-anchor="middle" fill="{LABEL_COLOUR}">'
            f"{escape(target[0])}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
