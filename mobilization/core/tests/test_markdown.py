from mobilization.core.markdown import render_markdown


def test_markdown_keeps_what_writers_need():
    html = render_markdown(
        "## Atelier vélo\n\n**Samedi** à 10 h, [inscription](https://example.org/velo)\n\n- pneus\n- freins"
    )

    assert "<h2>Atelier vélo</h2>" in html
    assert "<strong>Samedi</strong>" in html
    assert '<a href="https://example.org/velo" rel="nofollow noopener noreferrer">inscription</a>' in html
    assert "<li>pneus</li>" in html


def test_markdown_drops_scripts_event_handlers_and_script_urls():
    html = render_markdown(
        '<script>alert(1)</script> <img src=x onerror="alert(2)"> [clic](javascript:alert(3)) '
        '<a href="data:text/html,x">data</a> <iframe src="https://evil.example"></iframe>'
    )

    for forbidden in ("<script", "onerror", "javascript:", "data:text", "<iframe", "<img"):
        assert forbidden not in html


def test_empty_text_gives_empty_html():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""
