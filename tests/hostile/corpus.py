"""The hostile corpus: values that break code which trusts its input.

Each value has a short name (the test id) and tags saying what it attacks, so that a field is attacked
with the whole corpus when it takes free text and with the fitting subset otherwise::

    for value in corpus.ALL: ...                           # a text field
    for value in corpus.tagged(NUMBER, MARKUP): ...        # a number, a choice, a page number
    corpus.named("script_tag").value

Scripts set `window.__pwned`: the browser tests trap that property, so any value that runs is caught.
"""

from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

MARKUP = "markup"  # HTML, script, URL schemes, template syntax
LONG = "long"  # far beyond any field's limit
UNICODE = "unicode"  # direction overrides, invisible and combining characters
CONTROL = "control"  # null bytes, control characters, line breaks where none belong
FILENAME = "filename"  # path traversal, markup in a file name
DATE = "date"  # impossible or malformed dates and times
NUMBER = "number"  # malformed, non-finite, non-ASCII and out-of-range numbers
BLANK = "blank"  # empty, whitespace-only, invisible-only


@dataclass(frozen=True)
class HostileValue:
    name: str
    value: str
    tags: frozenset[str]

    def __repr__(self) -> str:  # a 1M-character value must not flood a failure report
        return f"HostileValue({self.name})"


def _values(*rows: tuple[str, str, set[str]]) -> tuple[HostileValue, ...]:
    return tuple(HostileValue(name, value, frozenset(tags)) for name, value, tags in rows)


SCRIPT = "window.__pwned=1"

ALL: tuple[HostileValue, ...] = _values(
    # --- Markup: scripts, event handlers, URL schemes, breaking out of attributes and elements ------------
    ("script_tag", f"<script>{SCRIPT}</script>", {MARKUP}),
    ("img_onerror", f'"><img src=x onerror={SCRIPT}>', {MARKUP}),
    ("single_quote_breakout", f"'><svg onload={SCRIPT}>", {MARKUP}),
    ("svg_onload", f"<svg onload={SCRIPT}>", {MARKUP}),
    ("javascript_url", f"javascript:{SCRIPT}", {MARKUP}),
    ("javascript_url_mixed_case", f" JaVaScRiPt:{SCRIPT}", {MARKUP}),
    ("data_url", f"data:text/html,<script>{SCRIPT}</script>", {MARKUP}),
    ("closing_tags", f"</textarea></title></style><script>{SCRIPT}</script>", {MARKUP}),
    ("json_script_breakout", f'</script><script>{SCRIPT}</script>{{"a":"', {MARKUP}),
    ("details_ontoggle", f"<details open ontoggle={SCRIPT}>x</details>", {MARKUP}),
    ("markdown_js_link", f"[click me](javascript:{SCRIPT})", {MARKUP}),
    ("entity_encoded", "&lt;script&gt;window.__pwned=1&lt;/script&gt;", {MARKUP}),
    ("template_variable", "{{7*7}}", {MARKUP}),
    ("template_tag", "{% debug %}", {MARKUP}),
    ("template_settings", "{{ settings.SECRET_KEY }}", {MARKUP}),
    ("other_template_syntax", "${7*7} #{7*7} <%= 7*7 %>", {MARKUP}),
    ("sql_quote", "' OR '1'='1' --", {MARKUP}),
    ("protocol_relative_url", "//evil.example/", {MARKUP}),
    ("backslash_url", "/\\evil.example/", {MARKUP}),
    # --- Length -------------------------------------------------------------------------------------------
    ("long_10k", "a" * 10_000, {LONG}),
    ("long_1m", "a" * 1_000_000, {LONG}),
    ("long_markup_10k", "<b>" * 3_400, {LONG, MARKUP}),
    ("many_lines", "line\n" * 5_000, {LONG, CONTROL}),
    # --- Unicode ------------------------------------------------------------------------------------------
    ("right_to_left_override", "\u202eAmina fdp.exe", {UNICODE}),
    ("zero_width_inside", "Ami\u200bna\u200d\u2060\ufeff", {UNICODE}),
    ("only_zero_width", "\u200b\u200c\u200d", {UNICODE, BLANK}),
    ("combining_marks", "Z\u0335\u0321\u031ba\u0337l\u0338g\u0335o\u0336" * 3, {UNICODE}),
    ("emoji_sequences", "\U0001f469\U0001f3fd\u200d\U0001f52c \U0001f3f3\ufe0f\u200d\U0001f308", {UNICODE}),
    ("accents_decomposed", "Cafe\u0301 Ame\u0301lie", {UNICODE}),
    ("fullwidth_markup", "\uff1cscript\uff1ewindow.__pwned=1\uff1c/script\uff1e", {UNICODE, MARKUP}),
    # --- Control characters -------------------------------------------------------------------------------
    ("null_byte", "Ami\x00na", {CONTROL}),
    ("only_null_byte", "\x00", {CONTROL}),
    ("control_characters", "\x01\x07\x08\x1b[31mred\x1b[0m\x7f", {CONTROL}),
    ("header_injection", "Amina\r\nSet-Cookie: pwned=1", {CONTROL}),
    # --- Blank --------------------------------------------------------------------------------------------
    ("empty", "", {BLANK}),
    ("whitespace_only", " \t\u00a0\u3000 ", {BLANK}),
    # --- File names ---------------------------------------------------------------------------------------
    ("path_traversal", "../../etc/passwd", {FILENAME}),
    ("path_traversal_windows", "..\\..\\windows\\win.ini", {FILENAME}),
    ("path_traversal_encoded", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", {FILENAME}),
    ("html_file_name", "<b>x</b>.pdf", {FILENAME, MARKUP}),
    ("null_byte_file_name", "report.pdf\x00.html", {FILENAME, CONTROL}),
    # --- Dates --------------------------------------------------------------------------------------------
    ("february_30", "2026-02-30", {DATE}),
    ("month_13", "2026-13-01", {DATE}),
    ("year_zero", "0000-00-00", {DATE}),
    ("hour_25", "2026-06-01T25:61:61", {DATE}),
    ("far_future", "99999-12-31", {DATE}),
    ("date_words", "yesterday", {DATE}),
    # --- Numbers ------------------------------------------------------------------------------------------
    ("overflow_float", "1e309", {NUMBER}),
    ("negative_zero", "-0", {NUMBER}),
    ("not_a_number", "NaN", {NUMBER}),
    ("infinity", "-Infinity", {NUMBER}),
    ("fullwidth_digits", "\uff19\uff19", {NUMBER, UNICODE}),
    ("superscript_digit", "\u00b2", {NUMBER, UNICODE}),
    ("arabic_indic_digits", "\u0663\u0664", {NUMBER, UNICODE}),
    ("negative", "-1", {NUMBER}),
    ("hexadecimal", "0x1F", {NUMBER}),
    ("underscored", "1_000", {NUMBER}),
    ("padded", " 42 ", {NUMBER}),
    ("big_int_64", "9223372036854775808", {NUMBER}),
    ("big_negative_int_64", "-9223372036854775809", {NUMBER}),
    ("huge_int", "9" * 400, {NUMBER}),
    ("huge_int_beyond_python_limit", "9" * 5_000, {NUMBER, LONG}),
)

_BY_NAME = {value.name: value for value in ALL}
assert len(_BY_NAME) == len(ALL), "two hostile values share a name"


def named(*names: str) -> tuple[HostileValue, ...]:
    """The values of these names, in this order."""
    return tuple(_BY_NAME[name] for name in names)


def union(*groups: tuple[HostileValue, ...]) -> tuple[HostileValue, ...]:
    """The values of several groups, each once, in order."""
    return tuple(dict.fromkeys(value for group in groups for value in group))


def tagged(*tags: str) -> tuple[HostileValue, ...]:
    """The values carrying any of these tags, in corpus order."""
    wanted = set(tags)
    return tuple(value for value in ALL if value.tags & wanted)


# A small sample of every family, for fields that are not free text (choices, check boxes, ids).
SAMPLE: tuple[HostileValue, ...] = named(
    "script_tag",
    "img_onerror",
    "javascript_url",
    "template_variable",
    "long_10k",
    "right_to_left_override",
    "null_byte",
    "empty",
    "path_traversal",
    "february_30",
    "overflow_float",
    "not_a_number",
    "fullwidth_digits",
    "superscript_digit",
    "huge_int_beyond_python_limit",
)

# What a number, a page or an identifier is attacked with.
NUMBERS: tuple[HostileValue, ...] = union(
    tagged(NUMBER), named("script_tag", "empty", "null_byte", "long_10k")
)


# --- Request bodies ---------------------------------------------------------------------------------------

MALFORMED_JSON: tuple[tuple[str, bytes], ...] = (
    ("truncated", b'{"name": "Am'),
    ("not_json", b"<script>window.__pwned=1</script>"),
    ("empty_body", b""),
    ("json_null", b"null"),
    ("array_instead_of_object", b"[]"),
    ("string_instead_of_object", b'"name"'),
    ("nan_literal", b'{"value": NaN}'),
    ("overflow_number", b'{"value": 1e309}'),
    ("huge_integer", b'{"value": ' + b"9" * 5_000 + b"}"),
    ("lone_surrogate", b'{"name": "\\ud800"}'),
    ("invalid_utf8", b'{"name": "\xff\xfe"}'),
    ("null_byte_in_string", b'{"name": "a\\u0000b"}'),
    ("duplicate_keys", b'{"name": "a", "name": "<script>window.__pwned=1</script>"}'),
    ("deep_nesting", b"[" * 100_000 + b"]" * 100_000),
    ("wrong_types", b'{"name": {"$gt": ""}, "limit": "many", "id": [1, 2]}'),
)


# --- Uploads ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HostileUpload:
    """A file for a file field. Like a HostileValue it has a name, tags and a `value` (its file name, which
    is what a page may show), so that `Attack(field, values=hostile_uploads(...))` needs nothing else."""

    name: str
    file_name: str
    content: bytes
    content_type: str
    tags: frozenset[str] = frozenset({FILENAME})

    @property
    def value(self) -> str:
        return self.file_name

    def as_file(self) -> SimpleUploadedFile:
        """A fresh file for the test client (each request reads it to the end)."""
        return SimpleUploadedFile(self.file_name, self.content, content_type=self.content_type)

    def __repr__(self) -> str:
        return f"HostileUpload({self.name})"


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def hostile_uploads(max_size: int) -> tuple[HostileUpload, ...]:
    """Files for a file field that accepts up to `max_size` bytes: too big, lying about their type,
    named to escape the upload folder or to inject markup. For file fields when the platform has them."""
    html = b"<html><body><script>window.__pwned=1</script></body></html>"
    return (
        HostileUpload("too_big", "big.pdf", b"%PDF-1.4\n" + b"0" * (max_size + 1), "application/pdf"),
        HostileUpload("empty_file", "empty.pdf", b"", "application/pdf"),
        HostileUpload("html_as_png", "photo.png", html, "image/png"),
        HostileUpload(
            "svg_with_script",
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1"/>',
            "image/svg+xml",
        ),
        HostileUpload("png_named_html", "page.html", PNG_SIGNATURE + b"\x00" * 64, "text/html"),
        HostileUpload("executable", "setup.exe", b"MZ\x90\x00" + b"\x00" * 64, "application/x-msdownload"),
        HostileUpload("path_traversal_name", "../../etc/passwd", b"root:x:0:0", "text/plain"),
        HostileUpload(
            "html_name", "<b>x</b><img src=x onerror=window.__pwned=1>.pdf", b"%PDF-1.4\n", "application/pdf"
        ),
        HostileUpload("null_byte_name", "report.pdf\x00.html", b"%PDF-1.4\n", "application/pdf"),
        HostileUpload("right_to_left_name", "invoice\u202efdp.exe", b"MZ", "application/pdf"),
        HostileUpload("long_name", "a" * 1_000 + ".pdf", b"%PDF-1.4\n", "application/pdf"),
    )
