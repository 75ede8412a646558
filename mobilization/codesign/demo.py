"""Demo content of co-design: suggestions, ideas by tool with supports and comments, a roadmap, two
releases, a workshop and two surveys (one open, one closed with results)."""


def seed(stdout, reimport=False):
    from mobilization.codesign import demo_content

    demo_content.seed(stdout)
