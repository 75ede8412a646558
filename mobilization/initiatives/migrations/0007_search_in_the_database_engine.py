"""Search runs in the database's own full-text engine (see initiatives/search.py).

PostgreSQL: the `unaccent` extension; a text search configuration `mobilization_english` (English, words
unaccented before their stemmer); `mobilization_stems(text)`, the tsvector of a text stemmed as the
platform always has, English stemmer then French (PostgreSQL cannot chain two stemmers in a configuration,
so the function passes each English lexeme to `french_stem`); `mobilization_search_query(words)`, the
tsquery matching any of the words; and the initiatives' `search_vector` column, generated from their texts
(title A, summary B, description C) and GIN-indexed. A generated column is kept up to date by the database
on every write; note that PostgreSQL refuses to change the type of a column it is generated from (a later
migration changing `title`'s length must drop the column and add it again).

SQLite: the FTS5 table `initiatives_fulltext` (`unicode61 remove_diacritics 2`), filled here with the terms
of every initiative (stemmed in Python, as SQLite has no French stemmer, by `search.full_text_row`), and a
trigger that deletes an initiative's row with it. Django rebuilds an SQLite table to alter it, which drops
its triggers: a later migration that alters the initiatives' table must create the trigger again
(`test_deleting_an_initiative_removes_it_from_the_full_text_index` fails if it is missing).
"""

import django.db.models.deletion
from django.db import migrations, models

import mobilization.initiatives.models

POSTGRESQL_FORWARDS = """
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TEXT SEARCH CONFIGURATION mobilization_english (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION mobilization_english
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;

CREATE FUNCTION mobilization_stems(document text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path FROM CURRENT
AS $$
    SELECT coalesce(
        string_agg(format('%L:%s', french.stem, array_to_string(english.positions, ',')), ' '), ''
    )::tsvector
    FROM unnest(to_tsvector('mobilization_english', document)) AS english
    CROSS JOIN LATERAL (SELECT (ts_lexize('french_stem', english.lexeme))[1] AS stem) AS french
    WHERE french.stem IS NOT NULL
$$;

CREATE FUNCTION mobilization_search_query(words text) RETURNS tsquery
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path FROM CURRENT
AS $$
    SELECT string_agg(quote_literal(lexeme), ' | ')::tsquery FROM unnest(mobilization_stems(words))
$$;

ALTER TABLE initiatives_initiative ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(mobilization_stems(coalesce(title, '')), 'A')
    || setweight(mobilization_stems(coalesce(summary, '')), 'B')
    || setweight(mobilization_stems(coalesce(description, '')), 'C')
) STORED;

CREATE INDEX initiatives_search_vector_gin ON initiatives_initiative USING gin (search_vector);
"""

POSTGRESQL_BACKWARDS = """
DROP INDEX IF EXISTS initiatives_search_vector_gin;
ALTER TABLE initiatives_initiative DROP COLUMN IF EXISTS search_vector;
DROP FUNCTION IF EXISTS mobilization_search_query(text);
DROP FUNCTION IF EXISTS mobilization_stems(text);
DROP TEXT SEARCH CONFIGURATION IF EXISTS mobilization_english;
"""

SQLITE_FORWARDS = [
    "CREATE VIRTUAL TABLE initiatives_fulltext USING fts5("
    "title, summary, description, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER initiatives_fulltext_delete AFTER DELETE ON initiatives_initiative "
    "BEGIN DELETE FROM initiatives_fulltext WHERE rowid = old.id; END",
]

SQLITE_BACKWARDS = [
    "DROP TRIGGER IF EXISTS initiatives_fulltext_delete",
    "DROP TABLE IF EXISTS initiatives_fulltext",
]


def create_search_engine(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_FORWARDS, params=None)
    elif vendor == "sqlite":
        from mobilization.initiatives.search import full_text_row

        for statement in SQLITE_FORWARDS:
            schema_editor.execute(statement)
        Initiative = apps.get_model("initiatives", "Initiative")
        rows = (
            full_text_row(*values)
            for values in Initiative.objects.order_by("pk")
            .values_list("pk", "title", "summary", "description")
            .iterator(chunk_size=2000)
        )
        with schema_editor.connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO initiatives_fulltext (rowid, title, summary, description) VALUES (%s, %s, %s, %s)",
                rows,
            )


def drop_search_engine(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_BACKWARDS, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_BACKWARDS:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0006_changed_since_review"),
    ]

    operations = [
        migrations.CreateModel(
            name="InitiativeFullText",
            fields=[
                (
                    "initiative",
                    models.OneToOneField(
                        db_column="rowid",
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="full_text",
                        serialize=False,
                        to="initiatives.initiative",
                    ),
                ),
                ("title", models.TextField()),
                ("summary", models.TextField()),
                ("description", models.TextField()),
                (
                    "document",
                    mobilization.initiatives.models.FullTextDocumentField(db_column="initiatives_fulltext"),
                ),
            ],
            options={
                "db_table": "initiatives_fulltext",
                "managed": False,
            },
        ),
        migrations.RunPython(create_search_engine, drop_search_engine),
    ]
