from django import template

from mobilization.core.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Markdown written by staff (or imported), rendered and sanitised by the platform's one sanitiser."""
    return render_markdown(text)
