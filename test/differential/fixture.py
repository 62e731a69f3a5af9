#!/usr/bin/env python3
"""Fixture of the differential test: three related tables, their rows, and
the SQL that creates them on a remote source and locally in PostgreSQL.

The rows are generated from a fixed seed, independent of the query seed, so
every run compares the same data.  They hold the values where sources
disagree with PostgreSQL: integer extremes, NULLs, numerics with scale,
floats that are not exactly representable (but never 0 or -0: a -0 displays
differently from 0 although both are equal, which would make GROUP BY and
min/max outputs depend on row order), mixed-case and accented strings with
trailing spaces (MariaDB's utf8mb4_general_ci ignores case, accents and
trailing spaces; PostgreSQL's C.UTF-8 compares bytes), empty strings,
dates at the ends of the ranges, timestamps with microseconds.

The remote side is spelled by a dialect in REMOTE_DIALECTS (type names and
literal spelling); adding a source is one entry there.

Usage: fixture.py remote DIALECT   prints the remote script (DDL + rows)
       fixture.py drop             prints the DROP TABLE statements
"""

import datetime
import decimal
import random
import sys
from collections import namedtuple

REMOTE_DB = 'fdw_diff'
DATA_SEED = 20240229

# kind: the generator's type family; flags: 'key' unique row id, 'safe' small
# integer that arithmetic cannot overflow, 'nz' never zero (a safe divisor),
# 'risky' holds the extremes of its type (used in comparisons only, except
# in the error family).
Column = namedtuple('Column', 'name pgtype kind flags')


def _cols(*specs):
    return [Column(n, t, k, frozenset(f.split()) if f else frozenset())
            for n, t, k, f in specs]


TABLES = {
    'dept': _cols(
        ('id', 'int', 'int', 'key safe nz'),
        ('name', 'varchar(40)', 'text', ''),
        ('code', 'varchar(10)', 'text', ''),
        ('budget', 'numeric(12,2)', 'num', ''),
        ('rate', 'float8', 'float', ''),
        ('active', 'boolean', 'bool', ''),
        ('opened', 'date', 'date', ''),
    ),
    'emp': _cols(
        ('id', 'int', 'int', 'key safe nz'),
        ('dept_id', 'int', 'int', 'safe'),
        ('i', 'int', 'int', 'safe'),
        ('big', 'int', 'int', 'risky'),
        ('bi', 'bigint', 'int', 'risky'),
        ('si', 'smallint', 'int', 'risky'),
        ('n', 'numeric(14,4)', 'num', ''),
        ('f', 'float8', 'float', ''),
        ('r', 'real', 'float', ''),
        ('s', 'varchar(40)', 'text', ''),
        ('t', 'text', 'text', ''),
        ('d', 'date', 'date', ''),
        ('ts', 'timestamp', 'ts', ''),
        ('b', 'boolean', 'bool', ''),
    ),
    'task': _cols(
        ('id', 'int', 'int', 'key safe nz'),
        ('emp_id', 'int', 'int', 'safe'),
        ('dept_id', 'int', 'int', 'safe'),
        ('qty', 'int', 'int', 'safe'),
        ('price', 'numeric(10,2)', 'num', ''),
        ('label', 'varchar(30)', 'text', ''),
        ('due', 'date', 'date', ''),
        ('tz', 'timestamptz', 'tstz', ''),
        ('done', 'boolean', 'bool', ''),
    ),
}

ROW_COUNTS = {'dept': 30, 'emp': 240, 'task': 400}

# Strings that collations treat differently: case, accents, trailing and
# leading spaces, LIKE metacharacters, a backslash, a quote, 4-byte UTF-8.
STRINGS = [
    'abc', 'ABC', 'Abc', 'abc ', 'abc  ', ' abc', '', 'café', 'cafe', 'CAFÉ',
    'Café ', 'émile', 'Émile', 'emile', 'zoë', 'Zoe', 'straße', 'STRASSE',
    'strasse', 'ß', 'ss', 'a%b', 'a_b', 'a\\b', "O'Brien", "o'brien ", '😀',
    '😀 smile', 'ñandú', 'Ñandu', 'x', 'X', 'x ', 'hello world',
    'Hello World ', 'HELLO WORLD', 'Zebra', 'apple', 'Apple', 'APPLE',
    'apple pie', '123', '45', '0045', 'null', 'NULL', 'tab\there', 'Ärger',
    'arger', 'İstanbul', 'istanbul', 'Sales', 'sales',
]
DEPT_NAMES = [
    'Sales', 'sales', 'SALES ', 'Ventes', 'Recherche & Développement', 'R&D',
    'r&d', 'Engineering', 'engineering ', 'Ops', 'OPS', '', 'Zürich',
    'zurich', 'Marketing', 'Support', 'support ', 'HR', 'hr', 'abc', 'ABC',
    'café', 'Café ', 'x', 'straße', 'ss',
]
WORDS = ['alpha', 'Beta', 'GAMMA', 'déjà vu', 'Ωmega', 'naïve', 'x', '', ' ',
         'end ', 'Ünïcödé', 'tab\tin', 'quote\'s', '100%', 'under_score']
CODES = ['A1', 'a1', 'A1 ', 'B2', 'b2', 'C', 'c', '', 'é', 'E', 'zz', 'ZZ']

INT_EXTREMES = [-2147483648, 2147483647, 0, 1, -1, 46341, -46341, 65536,
                1000000, -1000000, 2147483646]
BIGINT_EXTREMES = [-9223372036854775808, 9223372036854775807, 0, 1, -1,
                   4294967296, 3037000500, -3037000500, 9223372036854775806]
SMALLINT_EXTREMES = [-32768, 32767, 0, 1, -1, 181, -182, 16384]
NUMERICS = ['0', '0.0001', '-0.0001', '1.5', '2.5', '-2.5', '0.5', '-0.5',
            '99999.9999', '-12345.6789', '123456.7891', '-999999.9999', '1']
FLOATS = [0.1, -0.1, 2.5, -2.5, 0.5, 1.5, 3.141592653589793, 1 / 3, 2 / 3,
          -7.25, 1e300, 1e-300, 123456.789, 42.0, -1000.001, 1e15, 0.3]
SPECIAL_DATES = ['1000-01-01', '9999-12-31', '2024-02-29', '2000-02-29',
                 '1970-01-01', '1999-12-31', '2038-01-19', '2000-01-01']
SPECIAL_TS = ['1000-01-01 00:00:00', '9999-12-31 23:59:59.999999',
              '2024-02-29 12:34:56.5', '1970-01-01 00:00:00',
              '2000-01-01 00:00:00.000001', '1999-12-31 23:59:59.999999']


def _maybe_null(rng, value, rate=0.1):
    return None if rng.random() < rate else value


def _pick(rng, pool, extreme_rate=0.3, fallback=None):
    if fallback is None or rng.random() < extreme_rate:
        return rng.choice(pool)
    return fallback()


def random_date(rng):
    if rng.random() < 0.15:
        return datetime.date.fromisoformat(rng.choice(SPECIAL_DATES))
    return datetime.date(1990, 1, 1) + datetime.timedelta(days=rng.randrange(16800))


def random_ts(rng):
    if rng.random() < 0.1:
        return datetime.datetime.fromisoformat(rng.choice(SPECIAL_TS))
    base = datetime.datetime(1995, 1, 1) + datetime.timedelta(seconds=rng.randrange(40 * 365 * 86400))
    return base.replace(microsecond=rng.choice([0, 0, 500000, rng.randrange(1000000)]))


def random_tstz(rng):
    # MySQL TIMESTAMP: 1970-01-01 00:00:01 .. 2038-01-19 03:14:07 UTC
    secs = rng.choice([1, 2147483647, 951782400, 1709210096]) if rng.random() < 0.1 \
        else rng.randrange(1, 2147483647)
    ts = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(seconds=secs)
    return ts.replace(microsecond=rng.choice([0, 123456, rng.randrange(1000000)]))


def random_float(rng):
    if rng.random() < 0.35:
        return rng.choice(FLOATS)
    v = 0.0
    while v == 0.0:
        v = round(rng.uniform(-1000, 1000), rng.choice([0, 1, 3, 6]))
    return v


def random_real(rng):
    # multiples of 0.25: exact in float4, so float4 sums do not depend on row order
    v = 0
    while v == 0:
        v = rng.randrange(-4000, 4000)
    return v / 4


def random_text(rng):
    r = rng.random()
    if r < 0.4:
        return rng.choice(STRINGS)
    if r < 0.7:
        return ' '.join(rng.choice(WORDS) for _ in range(rng.randrange(1, 4)))
    return rng.choice(STRINGS) + rng.choice(['', ' ', '-', '_']) + rng.choice(WORDS)


def _dept(rng, i):
    return (
        i,
        _maybe_null(rng, DEPT_NAMES[(i - 1) % len(DEPT_NAMES)], 0.07),
        _maybe_null(rng, rng.choice(CODES)),
        _maybe_null(rng, decimal.Decimal(rng.randrange(-10000000, 100000000)) / 100),
        _maybe_null(rng, random_float(rng)),
        _maybe_null(rng, rng.random() < 0.6),
        _maybe_null(rng, random_date(rng)),
    )


def _emp(rng, i):
    return (
        i,
        _maybe_null(rng, rng.choice(list(range(1, 31)) + [99]), 0.1),
        _maybe_null(rng, rng.randrange(-50, 51)),
        _maybe_null(rng, _pick(rng, INT_EXTREMES, 0.4, lambda: rng.randrange(-100000, 100000))),
        _maybe_null(rng, _pick(rng, BIGINT_EXTREMES, 0.4, lambda: rng.randrange(-10**12, 10**12))),
        _maybe_null(rng, _pick(rng, SMALLINT_EXTREMES, 0.4, lambda: rng.randrange(-300, 300))),
        _maybe_null(rng, decimal.Decimal(_pick(rng, NUMERICS, 0.4,
                                               lambda: '%.4f' % (rng.randrange(-10**9, 10**9) / 10**4)))),
        _maybe_null(rng, random_float(rng)),
        _maybe_null(rng, random_real(rng)),
        _maybe_null(rng, random_text(rng) if rng.random() < 0.3 else rng.choice(STRINGS)),
        _maybe_null(rng, random_text(rng)),
        _maybe_null(rng, random_date(rng)),
        _maybe_null(rng, random_ts(rng)),
        _maybe_null(rng, rng.random() < 0.5),
    )


def _task(rng, i):
    return (
        i,
        _maybe_null(rng, rng.randrange(1, 260)),      # > 240: dangling
        _maybe_null(rng, rng.randrange(1, 35)),
        _maybe_null(rng, rng.randrange(-5, 21)),      # zeros: a divisor that fails
        _maybe_null(rng, decimal.Decimal(rng.randrange(-100000, 1000000)) / 100),
        _maybe_null(rng, rng.choice(STRINGS + CODES)[:30]),
        _maybe_null(rng, random_date(rng)),
        _maybe_null(rng, random_tstz(rng)),
        _maybe_null(rng, rng.random() < 0.3),
    )


_ROW_MAKERS = {'dept': _dept, 'emp': _emp, 'task': _task}
_ROWS = {}


def rows(table):
    """The table's rows as tuples of Python values, always the same ones."""
    if table not in _ROWS:
        rng = random.Random('%s/%s' % (DATA_SEED, table))
        _ROWS[table] = [_ROW_MAKERS[table](rng, i) for i in range(1, ROW_COUNTS[table] + 1)]
    return _ROWS[table]


# ---------------------------------------------------------------- remote side

def _mysql_string(s):
    return "'" + s.replace('\\', '\\\\').replace("'", "''") + "'"


def _mysql_literal(col, v):
    if v is None:
        return 'NULL'
    if isinstance(v, bool):
        return 'TRUE' if v else 'FALSE'
    if isinstance(v, float):
        r = repr(v)
        # an approximate-number literal: parsed straight to a double
        return r if 'e' in r else r + 'e0'
    if isinstance(v, (int, decimal.Decimal)):
        return str(v)
    if isinstance(v, datetime.datetime):
        if v.tzinfo is not None:
            v = v.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return "'" + v.isoformat(' ', 'microseconds') + "'"
    if isinstance(v, datetime.date):
        return "'" + v.isoformat() + "'"
    return _mysql_string(v)


def _mysql_type(col):
    t = col.pgtype
    base = t.split('(')[0]
    return {
        'int': 'int', 'bigint': 'bigint', 'smallint': 'smallint',
        'numeric': 'decimal' + t[len(base):], 'float8': 'double', 'real': 'float',
        'varchar': t, 'text': 'text', 'date': 'date', 'timestamp': 'datetime(6)',
        'timestamptz': 'timestamp(6) NULL DEFAULT NULL', 'boolean': 'boolean',
    }[base]


def _sqlite_literal(col, v):
    if v is None:
        return 'NULL'
    if isinstance(v, bool):
        return '1' if v else '0'
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, (int, decimal.Decimal)):
        return str(v)
    if isinstance(v, datetime.datetime):
        if v.tzinfo is not None:
            # no time zones in SQLite: the instant in UTC, with its offset
            return "'" + v.astimezone(datetime.timezone.utc).isoformat(' ', 'microseconds') + "'"
        return "'" + v.isoformat(' ', 'microseconds') + "'"
    if isinstance(v, datetime.date):
        return "'" + v.isoformat() + "'"
    return "'" + v.replace("'", "''") + "'"


def _sqlite_type(col):
    t = col.pgtype
    base = t.split('(')[0]
    return {
        'int': 'INTEGER', 'bigint': 'BIGINT', 'smallint': 'SMALLINT',
        'numeric': 'DECIMAL' + t[len(base):], 'float8': 'DOUBLE', 'real': 'REAL',
        'varchar': t.upper(), 'text': 'TEXT', 'date': 'DATE', 'timestamp': 'TIMESTAMP',
        'timestamptz': 'TIMESTAMP', 'boolean': 'BOOLEAN',
    }[base]


def _tsql_literal(col, v):
    if v is None:
        return 'NULL'
    if isinstance(v, bool):
        return '1' if v else '0'
    if isinstance(v, float):
        r = repr(v)
        # a float literal (1.5 alone would be a decimal)
        return r if 'e' in r else r + 'e0'
    if isinstance(v, (int, decimal.Decimal)):
        return str(v)
    if isinstance(v, datetime.datetime):
        if v.tzinfo is not None:
            v = v.astimezone(datetime.timezone.utc).replace(tzinfo=None)
            return "'" + v.isoformat(' ', 'microseconds') + " +00:00'"
        return "'" + v.isoformat(' ', 'microseconds') + "'"
    if isinstance(v, datetime.date):
        return "'" + v.isoformat() + "'"
    return "N'" + v.replace("'", "''") + "'"


def _tsql_type(col):
    t = col.pgtype
    base = t.split('(')[0]
    return {
        'int': 'int', 'bigint': 'bigint', 'smallint': 'smallint',
        'numeric': 'decimal' + t[len(base):], 'float8': 'float', 'real': 'real',
        'varchar': 'n' + t, 'text': 'nvarchar(max)', 'date': 'date', 'timestamp': 'datetime2(6)',
        'timestamptz': 'datetimeoffset(6)', 'boolean': 'bit',
    }[base]


REMOTE_DIALECTS = {
    # MariaDB / MySQL through the mariadb client; the session runs in UTC so
    # TIMESTAMP values are stored as given.
    'mysql': {
        'prologue': ['SET NAMES utf8mb4;', "SET time_zone = '+00:00';",
                     "SET sql_mode = 'STRICT_ALL_TABLES';",
                     'DROP DATABASE IF EXISTS %s;' % REMOTE_DB,
                     'CREATE DATABASE %s CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;' % REMOTE_DB,
                     'USE %s;' % REMOTE_DB],
        'type': _mysql_type,
        'literal': _mysql_literal,
        'key': 'PRIMARY KEY',
    },
    # SQLite through the sqlite3 CLI, into a new database file.  Values are
    # stored with the type affinity of their declared column, as an
    # application writing them would store them; timestamptz as UTC text.
    'sqlite': {
        'prologue': ['BEGIN;'],
        'epilogue': ['COMMIT;'],
        'type': _sqlite_type,
        'literal': _sqlite_literal,
        'key': 'PRIMARY KEY',
    },
    # T-SQL (SQL Server or test/tds), loaded with test/fixtures/tds/load.py:
    # batches separated by GO lines, into the current database.
    'tsql': {
        'prologue': ['DROP TABLE IF EXISTS %s;' % t for t in TABLES] + ['GO'],
        'type': _tsql_type,
        'literal': _tsql_literal,
        'key': 'PRIMARY KEY',
        'separator': 'GO',
    },
}


def remote_script(dialect):
    """DDL and INSERTs creating the fixture on a remote source."""
    d = REMOTE_DIALECTS[dialect]
    out = list(d['prologue'])
    for table, cols in TABLES.items():
        defs = ['%s %s%s' % (c.name, d['type'](c), ' ' + d['key'] if 'key' in c.flags else '')
                for c in cols]
        out.append('CREATE TABLE %s (%s);' % (table, ', '.join(defs)))
        out += [d['separator']] if 'separator' in d else []
        rs = rows(table)
        for start in range(0, len(rs), 50):
            values = ',\n  '.join('(' + ', '.join(d['literal'](c, v) for c, v in zip(cols, row)) + ')'
                                  for row in rs[start:start + 50])
            out.append('INSERT INTO %s VALUES\n  %s;' % (table, values))
            out += [d['separator']] if 'separator' in d else []
    out += d.get('epilogue', [])
    return '\n'.join(out) + '\n'


def remote_drop_script():
    """Drops the fixture's tables on a remote source (where they share a
    database with other tests)."""
    return ''.join('DROP TABLE IF EXISTS %s;\n' % t for t in TABLES)


# ---------------------------------------------------------------- PostgreSQL side

def pg_column_defs(table):
    return ', '.join('%s %s' % (c.name, c.pgtype) for c in TABLES[table])


def create_local(cur, schema):
    """Creates the tables in schema and inserts the rows (with bound parameters)."""
    for table, cols in TABLES.items():
        cur.execute('CREATE TABLE %s.%s (%s)' % (schema, table, pg_column_defs(table)))
        cur.executemany('INSERT INTO %s.%s VALUES (%s)' % (schema, table, ', '.join(['%s'] * len(cols))),
                        rows(table))


def create_foreign(cur, schema, server, table_options):
    """Creates one foreign table per fixture table; table_options(table) -> dict."""
    for table in TABLES:
        opts = ', '.join("%s '%s'" % (k, str(v).replace("'", "''"))
                         for k, v in table_options(table).items())
        cur.execute('CREATE FOREIGN TABLE %s.%s (%s) SERVER %s OPTIONS (%s)'
                    % (schema, table, pg_column_defs(table), server, opts))


if __name__ == '__main__':
    if sys.argv[1:] == ['drop']:
        sys.stdout.write(remote_drop_script())
        sys.exit(0)
    if len(sys.argv) != 3 or sys.argv[1] != 'remote' or sys.argv[2] not in REMOTE_DIALECTS:
        sys.exit('usage: fixture.py remote {%s} | fixture.py drop' % ','.join(REMOTE_DIALECTS))
    sys.stdout.write(remote_script(sys.argv[2]))
