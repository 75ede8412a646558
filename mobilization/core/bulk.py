"""Writing many rows at once, fast, on SQLite and PostgreSQL: `insert_rows()`.

Django's `bulk_create()` builds a model instance per row and prepares every value of every field through
the field (`get_db_prep_save()`): for the 20,000 assignments of a city-wide dispatch, and the 6,000
notifications and 12,000 deliveries that tell the buddies, that preparation was most of the time of the
write (about 3 s of CPU of the 4.3 s spent outside the solver). Here the caller gives plain tuples of the
columns it sets; the columns whose values the database driver takes as they are (integers, floats,
strings, booleans, foreign keys) go straight in, the others (date-times, JSON, encrypted…) are prepared by
their field once per distinct value, and the columns left out get their field's default (or "now" for
`auto_now`/`auto_now_add`), prepared once. On SQLite the rows go in multi-row `INSERT … VALUES (…), (…)`
statements as large as the database allows, optionally `RETURNING` the new primary keys in the rows'
order; on PostgreSQL by `COPY … FROM STDIN`, the keys drawn from the table's sequence first.

No signal is sent and no `save()` runs, as with `bulk_create()`: use it for rows whose model does nothing
on save.
"""

import sqlite3
from collections.abc import Iterable, Sequence

from django.db import connection, models
from django.utils import timezone

# Fields whose Python values the drivers (sqlite3, psycopg) bind as they are.
_PLAIN = (
    models.AutoField,
    models.BigAutoField,
    models.SmallAutoField,
    models.IntegerField,
    models.BigIntegerField,
    models.SmallIntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.PositiveBigIntegerField,
    models.FloatField,
    models.BooleanField,
    models.CharField,
    models.TextField,
    models.ForeignKey,
)


def _is_plain(field) -> bool:
    # Exact classes only: an encrypted CharField or a PhoneNumberField is a subclass that prepares its value.
    return type(field) in _PLAIN


def _max_params() -> int:
    if connection.vendor == "sqlite":
        try:
            connection.ensure_connection()
            return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        except (AttributeError, Exception):  # Python < 3.11, or a driver without getlimit()
            return connection.features.max_query_params or 999
    return connection.features.max_query_params or 65535


def _preparer(field):
    """A function preparing one value of `field` for the database, caching what it prepared."""
    cache: dict = {}

    def prepare(value):
        try:
            return cache[value]
        except KeyError:
            prepared = cache[value] = field.get_db_prep_save(value, connection)
            return prepared
        except TypeError:  # an unhashable value (a list for a JSON field)
            return field.get_db_prep_save(value, connection)

    return prepare


def insert_rows(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Iterable[Sequence],
    *,
    returning: bool = False,
    rows_per_statement: int = 1000,
) -> list[int]:
    """Insert `rows` (tuples of the values of `fields`, in that order) into `model`'s table.

    Returns the new primary keys in the rows' order if `returning`, else an empty list. (SQLite ≥ 3.35
    returns the keys of a multi-row INSERT in the order of its VALUES, as Django's `bulk_create()`
    assumes too; on PostgreSQL they are drawn from the sequence before the rows are copied.)"""
    meta = model._meta
    given = [meta.get_field(name) for name in fields]
    now = timezone.now()
    constants = []
    for field in meta.concrete_fields:
        if field.primary_key or field.name in fields or field.attname in fields:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now
        else:
            value = field.get_default()
        constants.append((field, field.get_db_prep_save(value, connection)))
    columns = [f.column for f in given] + [f.column for f, _ in constants]
    constant_values = tuple(value for _, value in constants)
    preparers = [None if _is_plain(f) else _preparer(f) for f in given]
    needs_prep = any(preparers)
    quote = connection.ops.quote_name
    width = len(columns)
    per_statement = max(1, min(rows_per_statement, _max_params() // width))
    row_sql = "(" + ", ".join(["%s"] * width) + ")"
    # Names from the model's meta, quoted; every value is a parameter.
    head = f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(c) for c in columns)}) VALUES "  # noqa: S608
    tail = f" RETURNING {quote(meta.pk.column)}" if returning else ""
    if connection.vendor == "postgresql" and isinstance(meta.pk, models.AutoField):
        fields_of_columns = [*given, *(f for f, _ in constants)]
        return _copy(meta, columns, fields_of_columns, constant_values, rows, preparers, returning)
    if connection.vendor == "sqlite":
        # The statement written with sqlite3's own "?" marks and run by sqlite3's execute(): Django's
        # SQLite cursor rewrites every "%s" of a statement with a regular expression, and a statement
        # of a thousand rows has seven thousand (a sixth of the time of writing 20,000 assignments).
        row_sql = "(" + ", ".join(["?"] * width) + ")"
    pks: list[int] = []
    batch: list = []
    count = 0
    to_prepare = [(index, prep) for index, prep in enumerate(preparers) if prep is not None]

    def flush(batch, count):
        sql = head + ", ".join([row_sql] * count) + tail
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                sqlite3.Cursor.execute(cursor.cursor, sql, batch)
            else:
                cursor.execute(sql, batch)
            if returning:
                pks.extend(row[0] for row in cursor.fetchall())

    for row in rows:
        if needs_prep:
            row = _prepared(row, to_prepare)
        batch.extend(row)
        batch.extend(constant_values)
        count += 1
        if count == per_statement:
            flush(batch, count)
            batch, count = [], 0
    if count:
        flush(batch, count)
    return pks


# PostgreSQL column types → the names psycopg knows them by, for a binary COPY.
_BINARY_TYPES = {
    "bigint": "int8",
    "integer": "int4",
    "smallint": "int2",
    "double precision": "float8",
    "boolean": "bool",
    "varchar": "varchar",
    "text": "text",
    "timestamp with time zone": "timestamptz",
}


def _binary_types(fields) -> list[str] | None:
    """The psycopg type names of the columns of `fields`, or None if one is not in `_BINARY_TYPES`."""
    names = []
    for field in fields:
        db_type = (field.db_type(connection) or "").split("(")[0].strip()
        if db_type not in _BINARY_TYPES:
            return None
        names.append(_BINARY_TYPES[db_type])
    return names


def _copy(meta, columns, fields, constant_values, rows, preparers, returning) -> list[int]:
    """PostgreSQL: `COPY … FROM STDIN`, the primary keys drawn from the table's sequence beforehand when
    they are wanted. In the binary format when every column is of a plain type (`_BINARY_TYPES`): psycopg
    then packs each value by the column's type instead of finding a dumper for it; 20,000 assignments
    take 0.02 s of this process's CPU instead of 0.14 s (and 6 s wall, 0.9 s CPU, with multi-row INSERTs,
    psycopg quoting every value into the statement)."""
    quote = connection.ops.quote_name
    rows = list(rows)
    if not rows:
        return []
    if returning:
        fields = [meta.pk, *fields]
    types = _binary_types(fields)
    if types is not None:
        # A binary float8 takes a float only: plain FloatField values are made floats.
        offset = 1 if returning else 0
        preparers = [
            float if prep is None and types[index + offset] == "float8" else prep
            for index, prep in enumerate(preparers)
        ]
    to_prepare = [(index, prep) for index, prep in enumerate(preparers) if prep is not None]
    pks: list[int] = []
    with connection.cursor() as cursor:
        if returning:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [quote(meta.db_table), meta.pk.column, len(rows)],
            )
            pks = [row[0] for row in cursor.fetchall()]
            columns = [meta.pk.column, *columns]
        names = ", ".join(quote(c) for c in columns)
        binary = " (FORMAT BINARY)" if types is not None else ""
        with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({names}) FROM STDIN{binary}") as copy:
            if types is not None:
                copy.set_types(types)
            for index, row in enumerate(rows):
                if to_prepare:
                    row = _prepared(row, to_prepare)
                if returning:
                    copy.write_row((pks[index], *row, *constant_values))
                else:
                    copy.write_row((*row, *constant_values))
    return pks


def _prepared(row, to_prepare) -> list:
    """The row with each (column index, preparer) of `to_prepare` applied: only the columns that need it."""
    row = list(row)
    for index, prep in to_prepare:
        row[index] = prep(row[index])
    return row
