"""CSV cells that open safely in a spreadsheet.

A cell starting with =, +, -, @ (or a tab or carriage return) is run as a formula by Excel and
LibreOffice: text written by people (a title, a proposal) could then fetch URLs or run commands on the
reader's machine ("CSV injection"). Every CSV download passes its text cells through `spreadsheet_safe`,
which prefixes them with an apostrophe; importers of our own files strip it again.
"""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """The value, with an apostrophe in front when a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
