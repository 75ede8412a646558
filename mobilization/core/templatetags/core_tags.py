"""The platform's template helpers, for every app's templates: `{% load core_tags %}`."""

from django import template
from django.utils.html import format_html

from mobilization.core import shell, typography
from mobilization.core.markdown import render_markdown
from mobilization.core.pagination import pagination_html
from mobilization.core.translation import IN_LANGUAGE, fallback_language

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


@register.simple_tag(takes_context=True)
def other_languages(context) -> list[dict]:
    """The same page in each other language of the site, for plain links (no form, no cookie):
    `{% other_languages as languages %}`, each with its `code`, `name` (in its own language) and `url`.

    The query string is kept. A page that is not one of the site's routes (an error page) links to the
    home page in the other language. While a page shell is rendered (core.shell), each `url` is a
    placeholder that the shell fills for each request."""
    request = context.get("request")
    if request is None:
        return []
    if context.get(shell.RENDERING_SHELL):
        return [
            {**link, "url": shell.language_url_placeholder(link["code"])}
            for link in shell.language_links(request, with_urls=False)
        ]
    return shell.language_links(request)


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


@register.simple_tag(takes_context=True)
def pagination(context, page, label=None, first_last=False, previous_label=None, next_label=None):
    """The links to the other pages of `page` (core.pagination): used by core/includes/pagination.html."""
    return pagination_html(
        context.request,
        page,
        label=label,
        first_last=first_last,
        previous_label=previous_label,
        next_label=next_label,
    )
