"""Markdown written by users, rendered to HTML that is safe to show: the one sanitiser of the platform;
and the converter of imported rich text (HTML) into Markdown, which is then shown through it."""

import re
from html import unescape
from html.parser import HTMLParser

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre", "h2", "h3", "h4", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def render_markdown(text: str) -> SafeString:
    html = markdown_lib.markdown(text or "", extensions=["sane_lists"], output_format="html")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )
    return mark_safe(clean)  # noqa: S308 - nh3 has just removed everything that is not allowed


# --- Imported rich text -----------------------------------------------------------------------------------


BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote"}


class _HtmlToMarkdown(HTMLParser):
    """HTML as Markdown, tag by tag (see `html_to_markdown`)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str | None] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self.skip += 1
        elif tag in BLOCKS:
            self.parts.append("\n\n")
        elif tag == "br":
            self.parts.append("  \n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in {"strong", "b"}:
            self.parts.append("**")
        elif tag in {"em", "i"}:
            self.parts.append("*")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            href = href if re.match(r"^https?://", href.strip(), re.IGNORECASE) else None
            self.links.append(href)
            if href:
                self.parts.append("[")

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCKS:
            self.parts.append("\n\n")
        elif tag in {"strong", "b"}:
            self.parts.append("**")
        elif tag in {"em", "i"}:
            self.parts.append("*")
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href:
                self.parts.append(f"]({href.strip()})")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(re.sub(r"\s+", " ", data))

    def markdown(self) -> str:
        text = "".join(self.parts)
        text = re.sub(r"[ \t]+\n", lambda m: "  \n" if m.group(0).startswith("  ") else "\n", text)
        text = re.sub(r"\n{3,}", "\n\n", text)
        return "\n".join(
            line.strip() if not line.endswith("  ") else line.lstrip() for line in text.split("\n")
        ).strip()


def html_to_markdown(html: str) -> str:
    """Rich text from another platform (Decidim's descriptions) as Markdown: paragraphs, line breaks, lists,
    bold, italics and web links are kept; every other tag is dropped, its text kept, scripts and styles
    with their content. Entities are decoded. The Markdown is sanitised again when shown
    (`render_markdown`)."""
    if "<" not in html:
        return unescape(html).strip()
    parser = _HtmlToMarkdown()
    parser.feed(html)
    parser.close()
    return parser.markdown()
