"""The hostile corpus against every form and every query string of the platform.

Whatever a person or a script sends, the platform answers with a validation message, a redirect that
saved a correctly normalised value, or a 4xx that says why: never a server error, never lost data, never
a value written back as raw HTML. See tests/hostile/forms.py for the forms and how an answer is judged.
"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from mobilization.accounts.models import Profile
from mobilization.core.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, render_markdown
from tests.access import callers
from tests.hostile import corpus
from tests.hostile.corpus import HostileValue
from tests.hostile.forms import (
    FORMS,
    NOT_FORMS,
    PROFILE_BASELINE,
    QUERY_STRINGS,
    Attack,
    Browser,
    attacks,
    refused,
    routes_answering_posts,
    routes_taking_posts,
    submit,
    visit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def clients():
    """Test clients shared by the module: a new client loads the middleware (and WhiteNoise's file list)."""
    return Browser()


# --- The corpus itself -----------------------------------------------------------------------------------


def test_every_hostile_value_has_a_unique_short_name():
    names = [value.name for value in corpus.ALL]
    assert len(names) == len(set(names))
    assert all(name.isidentifier() for name in names)
    assert all(len(name) <= 40 for name in names)


def test_the_corpus_has_every_family_of_hostile_value():
    for tag in (corpus.MARKUP, corpus.LONG, corpus.UNICODE, corpus.CONTROL, corpus.FILENAME, corpus.DATE):
        assert corpus.tagged(tag), tag
    assert max(len(value.value) for value in corpus.ALL) >= 1_000_000
    assert corpus.NUMBERS
    assert corpus.SAMPLE
    assert corpus.MALFORMED_JSON


def test_the_hostile_uploads_are_ready_for_the_first_file_field(settings):
    uploads = corpus.hostile_uploads(settings.FILE_UPLOAD_MAX_MEMORY_SIZE)
    too_big = next(upload for upload in uploads if upload.name == "too_big")
    assert too_big.as_file().size > settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    assert {upload.name for upload in uploads} >= {"html_as_png", "path_traversal_name", "null_byte_name"}


# --- Forms ------------------------------------------------------------------------------------------------


def test_files_sent_to_a_form_without_a_file_field_break_nothing(clients, world, settings):
    """No form takes a file yet; a stray one, even too big or lying about its type, is ignored."""
    owner = world.user(callers.OWNER)
    client = clients.visitor(owner)
    valid = {**PROFILE_BASELINE, "home_district": world.district.pk}
    statuses = set()
    for upload in corpus.hostile_uploads(settings.FILE_UPLOAD_MAX_MEMORY_SIZE):
        response = client.post(
            reverse("accounts:profile_edit"), {**valid, "attachment": upload.as_file()}, secure=True
        )
        statuses.add(response.status_code)
    assert statuses == {302}
    profile = Profile.objects.get(user=owner)
    assert (profile.display_name, profile.bio, profile.themes) == ("Owner", "Hello", ["energy"])


def test_every_route_taking_a_post_is_attacked_or_said_not_to_be_a_form():
    attacked = {form.url_name for form in FORMS}
    forgotten = routes_taking_posts() - attacked - set(NOT_FORMS)
    assert not forgotten, (
        "Routes that accept a POST but are neither in FORMS nor in NOT_FORMS (tests/hostile/forms.py): "
        + ", ".join(sorted(forgotten))
    )
    stale = (attacked - routes_taking_posts()) | (set(NOT_FORMS) - routes_answering_posts())
    assert not stale, "Named as forms but take no POST in the access table: " + ", ".join(sorted(stale))
    assert not attacked & set(NOT_FORMS)


def test_the_harness_flags_a_saved_value_the_form_should_have_refused(clients, world):
    """The judge itself: a plain name the profile form rightly saves, declared as one it must refuse."""
    profile_edit = next(form for form in FORMS if form.id == "accounts:profile_edit")
    must_refuse = Attack("display_name", saved=lambda w, d: None, normalise=refused)
    plain = HostileValue("plain_name", "Amina", frozenset())

    submission = submit(clients, world, profile_edit, must_refuse, plain, 0)

    assert submission.status == 302
    assert submission.problems == ["accepted a value the form must refuse"]


@pytest.mark.parametrize(("form", "attack"), attacks(), ids=[f"{f.id}-{a.id}" for f, a in attacks()])
def test_a_form_field_under_the_hostile_corpus(clients, world, form, attack):
    failures = []
    for n, value in enumerate(attack.values):
        submission = submit(clients, world, form, attack, value, n)
        if submission.problems:
            failures.append(str(submission))
    assert not failures, "\n".join(failures)


# --- Query strings ----------------------------------------------------------------------------------------

QUERY_PARAMETERS = [(page, name) for page in QUERY_STRINGS for name in page.parameters]


@pytest.mark.parametrize(
    ("page", "parameter"),
    QUERY_PARAMETERS,
    ids=[f"{page.url_name}-{name}" for page, name in QUERY_PARAMETERS],
)
def test_a_query_parameter_under_the_hostile_corpus(clients, world, page, parameter):
    failures = []
    for value in page.parameters[parameter]:
        answer = visit(clients, world, page, parameter, value)
        if answer.problems:
            failures.append(str(answer))
    assert not failures, "\n".join(failures)


# --- Markdown -----------------------------------------------------------------------------------------

MARKDOWN_ATTACKS = (
    "[click](javascript:window.__pwned=1)",
    "[click](JaVaScRiPt:window.__pwned=1 'title')",
    "[click](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+)",
    "![image](javascript:window.__pwned=1)",
    "<javascript:window.__pwned=1>",
    '<a href="javascript:window.__pwned=1">a</a> <a href="&#106;avascript:window.__pwned=1">b</a>',
    '[a](https://example.org "x\\" onmouseover=\\"window.__pwned=1")',
    "<img src=x onerror=window.__pwned=1> <iframe src=//evil.example></iframe> <style>*{}</style>",
    "```\n</code></pre><script>window.__pwned=1</script>\n```",
    "<svg><script>window.__pwned=1</script></svg><math><mi xlink:href=javascript:x>y</mi></math>",
)


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


@pytest.mark.parametrize(
    "text",
    [*MARKDOWN_ATTACKS, *(value.value for value in corpus.tagged(corpus.MARKUP))],
    ids=[f"markdown_{n}" for n in range(len(MARKDOWN_ATTACKS))]
    + [v.name for v in corpus.tagged(corpus.MARKUP)],
)
def test_markdown_from_the_corpus_renders_to_nothing_that_runs(text):
    parser = _Elements()
    parser.feed(render_markdown(text))
    for tag, attributes in parser.found:
        assert tag in ALLOWED_TAGS, tag
        assert set(attributes) <= ALLOWED_ATTRIBUTES.get(tag, set()) | {"rel"}, (tag, attributes)
        href = (attributes.get("href") or "").strip()
        scheme = href.split(":", 1)[0].lower() if ":" in href.split("/", 1)[0] else ""
        assert scheme in {"", "http", "https", "mailto"}, href
