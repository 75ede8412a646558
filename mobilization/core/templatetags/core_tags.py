"""The platform's template helpers, for every app's templates: `{% load core_tags %}`."""

from django import template
from django.utils.html import format_html

from mobilization.core.markdown import render_markdown
from mobilization.core.translation import IN_LANGUAGE, fallback_language

register = template.Library()


@register.filter
def markdown(text):
    """Markdown written by people (or imported), rendered and sanitised by the platform's one sanitiser."""
    return render_markdown(text)


@register.filter
def city_text(instance, name):
    """A text the city wrote (a translated field), in the page's language; when only the other language
    has it, that one, marked as such: `<span lang="fr">…</span> (in French)`.
    `{{ action|city_text:"title" }}`."""
    text = getattr(instance, name)
    language = fallback_language(instance, name)
    if language is None:
        return text
    return format_html(
        '<span lang="{}">{}</span> <span class="muted in-language">({})</span>',
        language,
        text,
        IN_LANGUAGE[language],
    )


@register.filter
def city_markdown(instance, name):
    """A Markdown text the city wrote, rendered like `markdown`, in the page's language or marked as being
    in the other one (see `city_text`)."""
    html = render_markdown(getattr(instance, name))
    language = fallback_language(instance, name)
    if language is None:
        return html
    return format_html(
        '<p class="muted in-language">({})</p><div lang="{}">{}</div>', IN_LANGUAGE[language], language, html
    )


@register.filter
def text_language(instance, name):
    """The language of the other version a text falls back to, for a `lang` attribute; "" when the text
    is in the page's language: `{% with l=x|text_language:"title" %}{% if l %} lang="{{ l }}"{% endif %}`."""
    return fallback_language(instance, name) or ""
