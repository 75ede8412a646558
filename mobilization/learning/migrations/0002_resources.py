"""Resources, their feedback, and their full-text search (the platform's one engine: core/search.py).

PostgreSQL: the resources' `search_vector` column, generated from their texts (title A, summary B, body C)
with `mobilization_stems`, which initiatives' migration 0007 created for the whole database, and
GIN-indexed. SQLite: the FTS5 table `learning_resource_fulltext` and a trigger deleting a resource's row
with it (a later migration that rebuilds the resources' table must create the trigger again).
"""

import django.db.models.deletion
import mobilization.core.search
from django.conf import settings
from django.db import migrations, models

POSTGRESQL_FORWARDS = """
ALTER TABLE learning_resource ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(mobilization_stems(coalesce(title, '')), 'A')
    || setweight(mobilization_stems(coalesce(summary, '')), 'B')
    || setweight(mobilization_stems(coalesce(body, '')), 'C')
) STORED;
CREATE INDEX learning_resource_search_vector_gin ON learning_resource USING gin (search_vector);
"""

POSTGRESQL_BACKWARDS = """
DROP INDEX IF EXISTS learning_resource_search_vector_gin;
ALTER TABLE learning_resource DROP COLUMN IF EXISTS search_vector;
"""

SQLITE_FORWARDS = [
    "CREATE VIRTUAL TABLE learning_resource_fulltext USING fts5("
    "title, summary, body, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER learning_resource_fulltext_delete AFTER DELETE ON learning_resource "
    "BEGIN DELETE FROM learning_resource_fulltext WHERE rowid = old.id; END",
]

SQLITE_BACKWARDS = [
    "DROP TRIGGER IF EXISTS learning_resource_fulltext_delete",
    "DROP TABLE IF EXISTS learning_resource_fulltext",
]


def create_search_engine(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_FORWARDS, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_FORWARDS:
            schema_editor.execute(statement)


def drop_search_engine(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_BACKWARDS, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_BACKWARDS:
            schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        # 0007 created mobilization_stems(), which the resources' search column is generated with.
        ('initiatives', '0007_search_in_the_database_engine'),
        ('initiatives', '0008_index_to_count_public_initiatives'),
        ('learning', '0001_initial'),
        ('plan', '0004_texts_in_french_and_english'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Resource',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('title', models.CharField(max_length=120, verbose_name='title')),
                ('summary', models.CharField(help_text='One or two sentences.', max_length=280, verbose_name='summary')),
                ('body', models.TextField(blank=True, help_text='Markdown: **bold**, lists, links.', verbose_name='text')),
                ('kind', models.CharField(choices=[('guide', 'Guide'), ('good_practice', 'Good practice'), ('video', 'Video'), ('document', 'Document')], default='guide', max_length=16, verbose_name='kind')),
                ('theme', models.CharField(choices=[('energy', 'Energy'), ('mobility', 'Mobility'), ('food', 'Food'), ('waste_repair', 'Waste and repair'), ('greening', 'Greening and biodiversity'), ('water', 'Water'), ('consumption', 'Consumption'), ('solidarity', 'Solidarity'), ('education', 'Education and awareness')], max_length=16, verbose_name='theme')),
                ('language', models.CharField(choices=[('fr', 'French'), ('en', 'English')], default='fr', max_length=2, verbose_name='language')),
                ('level', models.CharField(choices=[('beginner', 'Beginner'), ('intermediate', 'Intermediate'), ('advanced', 'Advanced')], default='beginner', max_length=12, verbose_name='level')),
                ('link', models.URLField(blank=True, help_text='A page or a video, https://…', max_length=500, verbose_name='link')),
                ('file', models.FileField(blank=True, max_length=200, upload_to='learning/', verbose_name='file')),
                ('file_kind', models.CharField(blank=True, max_length=8)),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted for review'), ('published', 'Published'), ('rejected', 'Sent back')], default='draft', max_length=12, verbose_name='status')),
                ('rejection_reason', models.TextField(blank=True, max_length=2000, verbose_name='why it was sent back')),
                ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published at')),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='learning_resources', to=settings.AUTH_USER_MODEL, verbose_name='author')),
                ('initiatives', models.ManyToManyField(blank=True, related_name='learning_resources', to='initiatives.initiative', verbose_name='initiatives')),
                ('objectives', models.ManyToManyField(blank=True, related_name='learning_resources', to='plan.objective', verbose_name='plan objectives')),
            ],
            options={
                'verbose_name': 'resource',
                'verbose_name_plural': 'resources',
                'ordering': ['-published_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='ResourceFullText',
            fields=[
                ('resource', models.OneToOneField(db_column='rowid', db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='full_text', serialize=False, to='learning.resource')),
                ('title', models.TextField()),
                ('summary', models.TextField()),
                ('body', models.TextField()),
                ('document', mobilization.core.search.FullTextDocumentField(db_column='learning_resource_fulltext')),
            ],
            options={
                'db_table': 'learning_resource_fulltext',
                'managed': False,
            },
        ),
        migrations.CreateModel(
            name='ResourceFeedback',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('useful', models.BooleanField(verbose_name='useful')),
                ('comment', models.CharField(blank=True, max_length=500, verbose_name='what was missing')),
                ('resource', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='feedback', to='learning.resource')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'feedback on a resource',
                'verbose_name_plural': 'feedback on resources',
            },
        ),
        migrations.AddIndex(
            model_name='resource',
            index=models.Index(fields=['status', 'theme', '-published_at'], name='learning_re_status_e4a719_idx'),
        ),
        migrations.AddConstraint(
            model_name='resourcefeedback',
            constraint=models.UniqueConstraint(fields=('resource', 'user'), name='unique_resource_feedback'),
        ),
        migrations.RunPython(create_search_engine, drop_search_engine),
    ]
