from django import template
from django.http import QueryDict

from mobilization.core.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """User-written Markdown, sanitised (core.markdown)."""
    return render_markdown(text)


@register.simple_tag(takes_context=True)
def page_query(context, number):
    """The current query string with another page number: filters and sorting are kept."""
    query = context["request"].GET.copy() if "request" in context else QueryDict(mutable=True)
    query["page"] = number
    return "?" + query.urlencode()


@register.filter
def public_name(user):
    """The name shown next to a person's contribution (their display name; "Former member" once gone)."""
    from mobilization.accounts.services import public_name as name_of

    return name_of(user)
