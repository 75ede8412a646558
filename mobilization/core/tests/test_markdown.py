from mobilization.core.markdown import html_to_markdown, render_markdown


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


def test_html_becomes_markdown_keeping_paragraphs_emphasis_lists_and_web_links():
    html = (
        "<p>Un <strong>réseau</strong> <em>vert</em></p><ul><li>Ventilation</li><li>Isolation</li></ul>"
        '<p>Voir <a href="https://www.paris.fr/plan">le plan</a>,<br>ligne 2</p>'
    )

    assert html_to_markdown(html) == (
        "Un **réseau** *vert*\n\n- Ventilation\n- Isolation\n\n"
        "Voir [le plan](https://www.paris.fr/plan),  \nligne 2"
    )


def test_html_to_markdown_drops_scripts_and_script_links_and_decodes_entities():
    html = (
        '<p>Un <em>texte</em><script>alert(1)</script> <a href="javascript:alert(1)">lien</a></p>'
        "<p>B&amp;A</p>"
    )

    assert html_to_markdown(html) == "Un *texte* lien\n\nB&A"
    assert html_to_markdown("Plain &amp; simple ") == "Plain & simple"
