"""The platform's template helpers, for every app's templates: `{% load core_tags %}`."""

from django import template

from mobilization.core.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Markdown written by people (or imported), rendered and sanitised by the platform's one sanitiser."""
    return render_markdown(text)
