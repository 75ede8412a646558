"""The platform's template helpers, for every app's templates: `{% load core_tags %}`."""

from django import template

from mobilization.core import typography
from mobilization.core.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Markdown written by people (or imported), rendered and sanitised by the platform's one sanitiser."""
    return render_markdown(text)


@register.simple_tag
def punctuation(mark):
    """`{% punctuation ":" %}`: the mark with the space French puts before it; in English, the mark."""
    return typography.space_before(mark)


@register.filter
def with_colon(label):
    """`{{ value.period_label|with_colon }} {{ value.value }}`: "2004: 28", in French "2004 : 28"."""
    return f"{label}{typography.colon()}"


@register.filter
def french_spacing(text):
    """Text assembled in a template, with French spaces before « : ; ! ? » on French pages."""
    return typography.french_spacing(text)
