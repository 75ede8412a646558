"""What an e-mail of the platform looks like: plain text and HTML, linking to the address the demo prints."""

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

from mobilization.notifications.delivery import attempt_delivery
from mobilization.notifications.models import Delivery, Notification
from mobilization.notifications.services import notify
from mobilization.notifications.texts import site_url

REPOSITORY = Path(__file__).resolve().parents[3]


class Links(HTMLParser):
    """The href of every link, the lang of the document, and every tag met."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.tags, self.lang = [], [], None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append(tag)
        if tag == "a":
            self.hrefs.append(attributes.get("href"))
        if tag == "html":
            self.lang = attributes.get("lang")


def parsed(html: str) -> Links:
    links = Links()
    links.feed(html)
    return links


def html_part(message) -> str:
    (html, mimetype), *_ = message.alternatives
    assert mimetype == "text/html"
    return html


def demo_recipe(**variables) -> str:
    """What `make demo` runs, without running it (`make -n`)."""
    arguments = [f"{name}={value}" for name, value in variables.items()]
    return subprocess.run(
        ["make", "-n", "demo", *arguments], cwd=REPOSITORY, capture_output=True, text=True, check=True
    ).stdout


def printed_address(recipe: str) -> str:
    return re.search(r"The platform is starting at (\S+?)/? ", recipe).group(1)


def test_make_demo_gives_every_process_the_address_it_prints():
    recipe = demo_recipe(HOST="127.0.0.1", PORT="8123")

    assert printed_address(recipe) == "http://127.0.0.1:8123"
    for command in ("setup_demo", "db_worker", "runserver"):
        line = next(line for line in recipe.splitlines() if f"manage.py {command}" in line)
        assert "SITE_URL=http://127.0.0.1:8123 " in line, line


def test_without_a_site_url_the_demo_links_to_the_address_make_demo_prints(settings):
    settings.SITE_URL = ""
    settings.DEBUG = True

    assert site_url() == printed_address(demo_recipe())  # http://127.0.0.1:8000, not localhost


@pytest.fixture
def demo_site(settings):
    """The settings `make demo HOST=127.0.0.1 PORT=8123` gives its processes."""
    settings.SITE_URL = "http://127.0.0.1:8123"
    settings.DEBUG = True
    return settings.SITE_URL


def test_an_email_sent_in_the_demo_has_a_plain_text_and_an_html_part_linking_to_the_demo(
    resident, demo_site, after_commit, mailoutbox
):
    after_commit(notify, [resident], "welcome", {"url": reverse("notifications:inbox")})

    (message,) = mailoutbox
    link = f"{demo_site}{reverse('notifications:inbox')}"
    assert link in message.body
    assert "localhost" not in message.body
    html = html_part(message)
    page = parsed(html)
    assert link in page.hrefs
    assert f"{demo_site}{reverse('notifications:preferences')}" in page.hrefs
    assert all(href.startswith("http://127.0.0.1:8123/") for href in page.hrefs)
    assert page.lang == "en"
    assert "Welcome to the" in html


def test_the_html_part_speaks_the_recipients_language(
    resident, demo_site, after_commit, mailoutbox, settings
):
    resident.profile.preferred_language = "fr"
    resident.profile.save()

    after_commit(notify, [resident], "welcome", {})

    page = parsed(html_part(mailoutbox[0]))
    assert page.lang == "fr"


def test_nothing_of_a_message_reaches_the_html_part_unescaped(resident, demo_site, mailoutbox):
    notify([resident], "welcome", {})  # queued: the transaction has not committed
    Notification.objects.update(
        subject='<img src=x onerror="alert(1)">', body='<script>alert("body")</script>\nLine & <b>two</b>'
    )

    attempt_delivery(Delivery.objects.get().pk)

    (message,) = mailoutbox
    html = html_part(message)
    assert "<script" not in html
    assert "<img" not in html
    assert "<b>" not in html
    assert "&lt;script&gt;" in html
    assert "Line &amp; &lt;b&gt;two&lt;/b&gt;" in html
    assert set(parsed(html).tags) <= {"html", "head", "meta", "title", "body", "div", "h1", "p", "a", "br"}
    assert '<script>alert("body")</script>' in message.body  # the plain text part is plain text
