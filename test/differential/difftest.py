#!/usr/bin/env python3
"""Differential correctness test of pushdown: runs the same random queries
against foreign tables and against local tables holding identical rows, and
requires identical results.

The fixture (fixture.py) is loaded on the remote source beforehand (test/run.sh
does it with the source's own client); this program creates the foreign
tables in schema "f" and the local copies in schema "l", checks that every
row reads back byte-identical through the FDW, then generates queries from a
seed and runs each one with search_path = f and with search_path = l.

Comparison: every value as PostgreSQL's text output, exactly; rows in order
when the query orders them totally (the generator always ends ORDER BY with
the unique keys), as multisets otherwise.  The one tolerance: float8
aggregates (sum/avg/stddev/variance of float8) may differ in the last bits
because rows reach the aggregate in another order (a hash join here, a
nested loop there); they match within |a - b| <= 1e-9 * max(1, |a|, |b|).
A query that fails on one side must fail on the other (any error): such a
difference is a failure of its own kind ("error mismatch").

Errors depend on evaluation order (SQL promises none), so expressions that
can fail for some rows (overflow, division by a column holding 0, bad casts)
are kept out of the random trees and tested in the "errors" family, where
each one is the whole WHERE clause or a select-list item: every row
evaluates it on both sides whatever the plan.

Each query is classified from its EXPLAIN (VERBOSE, FORMAT JSON) on the
foreign side: "full" when the plan is a single Foreign Scan with no local
Filter, "partial" when some Remote SQL has WHERE/JOIN/GROUP BY/ORDER
BY/LIMIT but work remains local, "none" otherwise (bare remote scans).

The source is a parameter (TARGETS): FDW name, server/user/table options,
and generator features to leave out where a source cannot hold the data.

Usage: difftest.py [--target T] [--seed N] [--count N] [--only I,J]
                   [--list] [--dbname DB] [--diffs FILE] [--max-report N]
Connection to PostgreSQL through the usual PG* environment variables.
"""

import argparse
import json
import os
import random
import re
import sys
import time
from collections import Counter, namedtuple

import psycopg2
import psycopg2.extensions

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixture  # noqa: E402

DEFAULT_SEED = 1
DEFAULT_COUNT = 3000
STATEMENT_TIMEOUT = '20s'
FLOAT_TOLERANCE = 1e-9

# ---------------------------------------------------------------- targets

# skip: generator features the source cannot take, a set or a function of
# the environment
Target = namedtuple('Target', 'fdw server_options user_options table_options skip')

TARGETS = {
    # mysql_fdw against MariaDB/MySQL; the fixture is loaded with
    # `fixture.py remote mysql` through the mariadb client.
    'mysql': Target(
        fdw='mysql_fdw',
        server_options=lambda env: {'host': env['MYSQL_HOST'], 'port': env.get('MYSQL_PORT', '3306')},
        user_options=lambda env: {'username': env.get('MYSQL_USER', 'root'),
                                  'password': env.get('MYSQL_PASSWORD', '')},
        table_options=lambda table: {'dbname': fixture.REMOTE_DB, 'table_name': table},
        # generator features this source cannot take (e.g. 'tstz' for a
        # source without time zones); nothing for MariaDB
        skip=frozenset(),
    ),
    # odbc_fdw against a SQLite file through libsqliteodbc, without a DSN;
    # the fixture is loaded with `fixture.py remote sqlite` through sqlite3.
    # FULL JOIN queries stay: odbc_fdw does not ship them to SQLite, and
    # PostgreSQL joins the two foreign scans.
    'odbc_sqlite': Target(
        fdw='odbc_fdw',
        server_options=lambda env: {'driver': env['ODBC_SQLITE_DRIVER'],
                                    'odbc_Database': env['DIFF_SQLITE_DB']},
        user_options=lambda env: {},
        table_options=lambda table: {'table': table},
        skip=frozenset(),
    ),
    # odbc_fdw against MariaDB through MariaDB Connector/ODBC (the DSN of the
    # odbc_mariadb suite); the fixture is the mysql target's.
    'odbc_mariadb': Target(
        fdw='odbc_fdw',
        server_options=lambda env: {'dsn': env['ODBC_DSN']},
        user_options=lambda env: {'username': env['ODBC_UID'], 'password': env.get('ODBC_PWD', '')},
        table_options=lambda table: {'schema': fixture.REMOTE_DB, 'table': table},
        skip=frozenset(),
    ),
    # tds_fdw against test/tds (or SQL Server with TDS_HOST); the fixture is
    # loaded with `fixture.py remote tsql` through test/fixtures/tds/load.py.
    # The test server (TDS_SQL_LOG set) computes in SQLite's 64-bit integers
    # and doubles: int + int, CAST(bigint AS int), float * float never
    # overflow there, where SQL Server raises error 8115 as PostgreSQL
    # raises, so queries that test those errors are left out ('overflow');
    # its decimals are doubles, so SUM/MIN/MAX of a decimal column come back
    # as floats (sums inexact, the scale lost) and are left out too
    # ('decimal_agg').  A real SQL Server is tested with everything.
    'tds': Target(
        fdw='tds_fdw',
        server_options=lambda env: {'servername': env['TDS_HOST'], 'port': env['TDS_PORT'],
                                    'database': env['TDS_DATABASE']},
        user_options=lambda env: {'username': env['TDS_USER'], 'password': env.get('TDS_PASSWORD', '')},
        table_options=lambda table: {'table_name': table},
        skip=lambda env: frozenset(['overflow', 'decimal_agg'] if env.get('TDS_SQL_LOG') else []),
    ),
}

# ---------------------------------------------------------------- literals


def lit_text(s):
    return "'" + s.replace("'", "''") + "'"


def lit_num(v):
    s = str(v)
    return '(' + s + ')' if s.startswith('-') else s


FAMILIES = [  # (name, weight)
    ('where', 26), ('expr', 10), ('join', 16), ('semi', 10), ('agg', 20),
    ('order', 12), ('errors', 6),
]

Query = namedtuple('Query', 'qid family sql ordered tol')

# ---------------------------------------------------------------- generator

ALIASES = {'emp': 'e', 'dept': 'd', 'task': 'k'}
COLUMN_REF = re.compile(r'\b[edk]\.[a-z]')
MUTABLE = re.compile(r'\b(now|current_date|current_timestamp|localtimestamp)\b')
CMP_OPS = ['=', '<>', '<', '<=', '>', '>=']
TEXT_POOL = sorted(set(fixture.STRINGS + fixture.DEPT_NAMES + fixture.CODES + fixture.WORDS))
DATE_UNITS = ['year', 'quarter', 'month', 'week', 'day']
TS_UNITS = DATE_UNITS + ['hour', 'minute']
DATE_FIELDS = ['year', 'month', 'day', 'dow', 'doy', 'quarter', 'week', 'isodow']
TS_FIELDS = DATE_FIELDS + ['hour', 'minute', 'second', 'epoch']


class Gen:
    """Random, well-typed SQL over a scope of (alias, table) pairs."""

    def __init__(self, rng, skip):
        self.r = rng
        self.skip = skip
        self.scope = []

    # ---- helpers
    def set_scope(self, scope):
        self.scope = scope
        self.columns = [('%s.%s' % (a, c.name), c) for a, t in scope for c in fixture.TABLES[t]]

    def cols(self, kind, flag=None):
        return [e for e, c in self.columns
                if c.kind == kind and (flag is None or flag in c.flags)
                and not (c.kind in self.skip)]

    def chance(self, p):
        return self.r.random() < p

    def pick(self, weighted):
        """weighted: list of (weight, callable or value); returns the chosen one's value."""
        total = sum(w for w, _ in weighted)
        x = self.r.random() * total
        for w, f in weighted:
            x -= w
            if x < 0:
                return f() if callable(f) else f
        f = weighted[-1][1]
        return f() if callable(f) else f

    def keys(self):
        return ['%s.id' % a for a, _ in self.scope]

    # ---- constants
    def const(self, kind, risky=False):
        r = self.r
        if kind == 'int':
            if risky and self.chance(0.5):
                return lit_num(r.choice(fixture.INT_EXTREMES + fixture.BIGINT_EXTREMES
                                        + fixture.SMALLINT_EXTREMES))
            return lit_num(r.choice([0, 1, -1, 2, 3, 5, 7, 10, 20, 30, 42, 100, -3, -7, 99, 150, 240]
                                    + list(range(-5, 25))))
        if kind == 'num':
            return lit_num(r.choice(fixture.NUMERICS + ['0.25', '-1.75', '100', '1000.5', '-3']))
        if kind == 'float':
            return "float8 '%r'" % r.choice(fixture.FLOATS + [1.0, -3.5, 250.25, 1e-5])
        if kind == 'text':
            return lit_text(self.text_value())
        if kind == 'date':
            d = r.choice(fixture.SPECIAL_DATES) if self.chance(0.3) else fixture.random_date(r).isoformat()
            return "DATE '%s'" % d
        if kind == 'ts':
            t = r.choice(fixture.SPECIAL_TS) if self.chance(0.2) else fixture.random_ts(r).isoformat(' ')
            return "TIMESTAMP '%s'" % t
        if kind == 'tstz':
            return "TIMESTAMPTZ '%s'" % fixture.random_tstz(r).isoformat(' ')
        if kind == 'bool':
            return r.choice(['TRUE', 'FALSE'])
        raise ValueError(kind)

    def text_value(self):
        s = self.r.choice(TEXT_POOL)
        return self.pick([(5, s), (1, lambda: s.upper()), (1, lambda: s.lower()),
                          (1, lambda: s + ' '), (1, lambda: s.strip()), (1, lambda: s[:2])])

    def like_pattern(self):
        s = self.text_value()
        k = self.r.randrange(0, max(1, len(s)) + 1)
        pat = self.pick([
            (3, lambda: s[:k] + '%'), (2, lambda: '%' + s[k:]), (2, lambda: '%' + s[k:k + 2] + '%'),
            (1, lambda: s), (1, lambda: '_' + s[1:] if s else '_'),
            (1, lambda: s[:k].replace('%', '\\%').replace('_', '\\_') + '%'), (1, '%'), (1, '')])
        return lit_text(pat)

    # ---- scalar expressions; arith: the value takes part in arithmetic, so
    # only small (safe) integers may appear
    def expr(self, kind, d, arith=False):
        return getattr(self, 'x_' + kind)(max(d, 0), arith)

    def col_or_const(self, kind, flag=None, pconst=0.3):
        cs = self.cols(kind, flag)
        if not cs or self.chance(pconst):
            return self.const(kind)
        return self.r.choice(cs)

    def common(self, kind, d):
        """CASE / COALESCE / NULLIF / GREATEST, for any kind."""
        a = lambda: self.expr(kind, d - 1, kind == 'int')  # noqa: E731
        return self.pick([
            (2, lambda: 'CASE WHEN %s THEN %s ELSE %s END' % (self.x_bool(d - 1), a(), a())),
            (1, lambda: 'CASE WHEN %s THEN %s END' % (self.x_bool(d - 1), a())),
            (2, lambda: 'COALESCE(%s, %s)' % (a(), a())),
            (1, lambda: 'NULLIF(%s, %s)' % (a(), a())),
            (1, lambda: '%s(%s, %s)' % (self.r.choice(['GREATEST', 'LEAST']), a(), a())),
        ])

    def x_int(self, d, arith):
        if d == 0 or self.chance(0.3):
            w = [(5, lambda: self.col_or_const('int', 'safe')),
                 (1, lambda: 'length(%s)' % self.expr('text', 0)),
                 (1, lambda: 'extract(%s FROM %s)::int' % (self.r.choice(DATE_FIELDS), self.expr('date', 0))),
                 (1, lambda: '(%s)::int' % self.r.choice([c for c in self.cols('float') if c.endswith('.r')]
                                                         or ['1.5']))]
            if not arith:
                w += [(3, lambda: self.r.choice(self.cols('int'))),
                      (1, lambda: '(%s - %s)' % (self.expr('date', 0), self.expr('date', 0))),
                      (1, lambda: '(%s)::int' % self.col_or_const('num'))]
            return self.pick(w)
        a = lambda: self.x_int(d - 1, True)  # noqa: E731
        nz = lambda: self.r.choice(self.cols('int', 'nz'))  # noqa: E731
        small = lambda: lit_num(self.r.choice([-7, -3, -2, -1, 1, 2, 3, 4, 5, 7, 10]))  # noqa: E731
        return self.pick([
            (3, lambda: '(%s + %s)' % (a(), a())),
            (3, lambda: '(%s - %s)' % (a(), a())),
            (2, lambda: '(%s * %s)' % (a(), small())),
            (2, lambda: '(%s / %s)' % (a(), small())),
            (2, lambda: '(%s %% %s)' % (a(), small())),
            (1, lambda: '(%s / %s)' % (a(), nz())),
            (1, lambda: '(%s %% %s)' % (a(), nz())),
            (1, lambda: '(- %s)' % a()),
            (1, lambda: 'abs(%s)' % a()),
            (1, lambda: 'sign(%s)::int' % a()),
            (1, lambda: 'strpos(%s, %s)' % (self.expr('text', 0), lit_text(self.text_value()[:2]))),
            (1, lambda: 'char_length(%s)' % self.expr('text', d - 1)),
            (1, lambda: 'octet_length(%s)' % self.expr('text', d - 1)),
            (1, lambda: '(%s)::int' % self.r.choice(self.cols('bool') or ['TRUE'])),
            (2, lambda: self.common('int', d)),
        ])

    def x_num(self, d, arith):
        if d == 0 or self.chance(0.3):
            return self.pick([(5, lambda: self.col_or_const('num')),
                              (1, lambda: '(%s)::numeric' % self.x_int(0, True)),
                              (1, lambda: 'extract(%s FROM %s)' % (self.r.choice(TS_FIELDS),
                                                                   self.expr('ts', 0)))])
        a = lambda: self.x_num(d - 1, True)  # noqa: E731
        return self.pick([
            (3, lambda: '(%s + %s)' % (a(), a())),
            (2, lambda: '(%s - %s)' % (a(), self.x_int(d - 1, True))),
            (2, lambda: '(%s * %s)' % (a(), lit_num(self.r.choice(['2', '0.5', '-1.5', '3', '10'])))),
            (1, lambda: '(%s / %s)' % (a(), lit_num(self.r.choice(['2', '-4', '0.25', '3', '7'])))),
            (1, lambda: '(%s %% %s)' % (a(), lit_num(self.r.choice(['2', '7', '0.3'])))),
            (1, lambda: 'round(%s, %d)' % (a(), self.r.randrange(0, 3))),
            (1, lambda: 'trunc(%s, 1)' % a()),
            (1, lambda: '%s(%s)' % (self.r.choice(['abs', 'floor', 'ceil', 'round']), a())),
            (1, lambda: '(- %s)' % a()),
            (1, lambda: '(%s)::numeric(12,1)' % a()),
            (1, lambda: '(%s)::numeric' % self.r.choice(self.cols('float') or ['1.5'])),
            (1, lambda: '(%s / %s)' % (a(), self.r.choice(self.cols('int', 'nz')))),
            (2, lambda: self.common('num', d)),
        ])

    def x_float(self, d, arith):
        if d == 0 or self.chance(0.3):
            return self.pick([(5, lambda: self.col_or_const('float')),
                              (1, lambda: '(%s)::float8' % self.x_int(0, True)),
                              (1, lambda: '(%s)::float8' % self.expr('num', 0))])
        a = lambda: self.x_float(d - 1, True)  # noqa: E731
        c = lambda: "float8 '%r'" % self.r.choice([2.0, 0.5, -1.5, 3.0, 10.0, 0.1, -7.0])  # noqa: E731
        return self.pick([
            (3, lambda: '(%s + %s)' % (a(), a())),
            (2, lambda: '(%s - %s)' % (a(), a())),
            (2, lambda: '(%s * %s)' % (a(), c())),
            (2, lambda: '(%s / %s)' % (a(), c())),
            (1, lambda: '(%s / %s)' % (a(), self.r.choice(self.cols('int', 'nz')))),
            (1, lambda: '(- %s)' % a()),
            (1, lambda: '%s(%s)' % (self.r.choice(['abs', 'floor', 'ceil', 'round', 'trunc']), a())),
            (1, lambda: 'sqrt(abs(%s))' % a()),
            (2, lambda: self.common('float', d)),
        ])

    def x_text(self, d, arith):
        if d == 0 or self.chance(0.3):
            return self.col_or_const('text', pconst=0.2)
        a = lambda: self.x_text(d - 1, False)  # noqa: E731
        n = lambda: lit_num(self.r.choice([-1, 0, 1, 2, 3, 5]))  # noqa: E731
        ln = lambda: lit_num(self.r.choice([0, 1, 2, 3, 5]))  # negative lengths raise  # noqa: E731
        return self.pick([
            (3, lambda: '%s(%s)' % (self.r.choice(['lower', 'upper']), a())),
            (2, lambda: '(%s || %s)' % (a(), a())),
            (1, lambda: 'concat(%s, %s)' % (a(), self.expr(self.r.choice(['text', 'int', 'date']), 0))),
            (1, lambda: "concat_ws('-', %s, %s)" % (a(), a())),
            (2, lambda: 'substr(%s, %s, %s)' % (a(), n(), ln())),
            (1, lambda: 'substr(%s, %s)' % (a(), n())),
            (1, lambda: '%s(%s, %s)' % (self.r.choice(['left', 'right']), a(), n())),
            (2, lambda: '%s(%s)' % (self.r.choice(['trim', 'rtrim', 'ltrim', 'btrim']), a())),
            (1, lambda: "replace(%s, 'a', 'X')" % a()),
            (1, lambda: 'reverse(%s)' % a()),
            (1, lambda: "lpad(%s, 6, '*')" % a()),
            (1, lambda: 'initcap(%s)' % a()),
            (1, lambda: 'md5(%s)' % a()),
            (1, lambda: '(%s)::varchar(3)' % a()),
            (1, lambda: '(%s)::char(6)::text' % a()),
            (1, lambda: '(%s)::text' % self.expr(self.r.choice(['int', 'num', 'float', 'date', 'ts', 'bool']), 0)),
            (2, lambda: self.common('text', d)),
        ])

    def x_date(self, d, arith):
        if d == 0 or self.chance(0.4):
            return self.pick([(6, lambda: self.col_or_const('date')), (1, 'current_date'),
                              (1, lambda: '(%s)::date' % self.r.choice(self.cols('ts') or ['localtimestamp']))])
        a = lambda: self.x_date(d - 1, False)  # noqa: E731
        return self.pick([
            (3, lambda: '(%s + %s)' % (a(), self.x_int(0, True))),
            (2, lambda: '(%s - %s)' % (a(), lit_num(self.r.randrange(0, 400)))),
            (1, lambda: "date_trunc('%s', %s)::date" % (self.r.choice(DATE_UNITS), a())),
            (1, lambda: 'make_date(%d, %d, %d)' % (self.r.randrange(1990, 2030), self.r.randrange(1, 13),
                                                   self.r.randrange(1, 29))),
            (2, lambda: self.common('date', d)),
        ])

    def x_ts(self, d, arith):
        if d == 0 or self.chance(0.4):
            return self.pick([(6, lambda: self.col_or_const('ts')), (1, 'localtimestamp'),
                              (1, lambda: '(%s)::timestamp' % self.r.choice(self.cols('date') or ['current_date']))])
        a = lambda: self.x_ts(d - 1, False)  # noqa: E731
        return self.pick([
            (3, lambda: "(%s %s interval '%d %s')" % (a(), self.r.choice('+-'), self.r.randrange(1, 50),
                                                      self.r.choice(['days', 'hours', 'months', 'minutes']))),
            (2, lambda: "date_trunc('%s', %s)" % (self.r.choice(TS_UNITS), a())),
            (1, lambda: "(%s + time '12:30')" % self.x_date(0, False)),
            (2, lambda: self.common('ts', d)),
        ])

    def x_tstz(self, d, arith):
        if d == 0 or self.chance(0.5):
            return self.pick([(6, lambda: self.col_or_const('tstz')), (1, 'now()'), (1, 'current_timestamp')])
        a = lambda: self.x_tstz(d - 1, False)  # noqa: E731
        return self.pick([
            (3, lambda: "(%s %s interval '%d %s')" % (a(), self.r.choice('+-'), self.r.randrange(1, 50),
                                                      self.r.choice(['days', 'hours', 'years']))),
            (1, lambda: "date_trunc('%s', %s)" % (self.r.choice(TS_UNITS), a())),
            (1, lambda: self.common('tstz', d)),
        ])

    def scalar_kinds(self):
        ks = ['int', 'int', 'num', 'float', 'text', 'text', 'date', 'ts', 'tstz', 'bool']
        return [k for k in ks if k not in self.skip and (k != 'tstz' or self.cols('tstz'))]

    def x_bool(self, d, arith=False):
        if d <= 0 or self.chance(0.3):
            return self.predicate(max(d - 1, 0))
        a = lambda: self.x_bool(d - 1)  # noqa: E731
        return self.pick([
            (4, lambda: '(%s AND %s)' % (a(), a())),
            (4, lambda: '(%s OR %s)' % (a(), a())),
            (2, lambda: 'NOT (%s)' % a()),
            (1, lambda: '(CASE WHEN %s THEN %s ELSE %s END)' % (a(), a(), a())),
            (1, lambda: 'COALESCE(%s, %s)' % (a(), self.const('bool'))),
            (1, lambda: '(%s) IS %s' % (a(), self.r.choice(['TRUE', 'NOT TRUE', 'FALSE', 'NOT FALSE',
                                                            'UNKNOWN', 'NOT UNKNOWN']))),
            (2, lambda: self.predicate(d)),
        ])

    def column_expr(self, kind, d):
        """An expression that refers to a column (a few tries)."""
        for _ in range(6):
            x = self.expr(kind, d)
            if COLUMN_REF.search(x):
                break
        return x

    def predicate(self, d):
        """A leaf condition; operands of depth d."""
        kind = self.r.choice([k for k in self.scalar_kinds() if k != 'bool'])
        x = lambda: self.column_expr(kind, d)  # noqa: E731
        c = lambda: self.const(kind, risky=True)  # noqa: E731
        operand = lambda: c() if self.chance(0.5) else x()  # noqa: E731
        preds = [
            (8, lambda: '%s %s %s' % (x(), self.r.choice(CMP_OPS), operand())),
            (2, lambda: '%s IS %sNULL' % (x(), self.r.choice(['', 'NOT ']))),
            (2, lambda: '%s %sBETWEEN %s%s AND %s' % (x(), self.r.choice(['', 'NOT ']),
                                                      self.r.choice(['', '', 'SYMMETRIC ']), c(), c())),
            (3, lambda: '%s %sIN (%s)' % (x(), self.r.choice(['', 'NOT ']),
                                          ', '.join(c() if self.chance(0.93) else 'NULL'
                                                    for _ in range(self.r.randrange(1, 6))))),
            (1, lambda: '%s <> ALL (ARRAY[%s])' % (x(), ', '.join(c() for _ in range(3)))),
            (1, lambda: '%s IS %sDISTINCT FROM %s' % (x(), self.r.choice(['', 'NOT ']), operand())),
            (1, lambda: self.r.choice(self.cols('bool'))),
            (1, lambda: 'NOT %s' % self.r.choice(self.cols('bool'))),
            (1, lambda: '%s = %s' % (self.r.choice(self.cols('bool')), self.const('bool'))),
        ]
        if kind == 'text':
            preds += [(5, lambda: '%s %s %s' % (x(), self.r.choice(['LIKE', 'NOT LIKE', 'ILIKE', 'NOT ILIKE']),
                                                self.like_pattern()))]
        if kind == 'int' and self.chance(0.2):
            # extremes only against a column: overflow-free comparisons
            return '%s %s %s' % (self.r.choice(self.cols('int', 'risky') or self.cols('int')),
                                 self.r.choice(CMP_OPS), self.const('int', risky=True))
        if kind in ('date', 'ts', 'tstz') and self.chance(0.1):
            return '%s %s %s' % (self.expr(kind, 0), self.r.choice(CMP_OPS),
                                 {'date': 'current_date', 'ts': 'localtimestamp', 'tstz': 'now()'}[kind])
        return self.pick(preds)

    # ---- expressions whose printed value does not depend on which of equal
    # values was seen first (group keys, DISTINCT, min/max arguments)
    def stable(self, kind):
        cs = self.cols(kind)
        if not cs:
            kind, cs = 'int', self.cols('int')
        col = self.r.choice(cs)
        safe = self.r.choice(self.cols('int', 'safe'))  # arithmetic on extremes overflows
        options = {
            'int': [(4, col), (1, '(%s %% 3)' % col), (1, '(%s * 2)' % safe), (1, 'abs(%s)' % safe),
                    (1, 'COALESCE(%s, -1)' % col), (1, 'length(%s)' % self.r.choice(self.cols('text')))],
            'num': [(4, col), (1, '(%s * 2)' % col), (1, 'round(%s)' % col), (1, 'trunc(%s, 2)' % col)],
            'float': [(4, col), (1, '(%s * 2)' % col), (1, 'abs(%s)' % col)],
            'text': [(4, col), (2, 'lower(%s)' % col), (1, 'upper(%s)' % col), (1, 'substr(%s, 1, 1)' % col),
                     (1, 'rtrim(%s)' % col), (1, "COALESCE(%s, '?')" % col), (1, '(%s || %s)' % (col, col))],
            'date': [(4, col), (1, "date_trunc('month', %s)::date" % col), (1, 'extract(year FROM %s)' % col),
                     (1, '(%s + 1)' % col)],
            'ts': [(3, col), (2, "date_trunc('%s', %s)" % (self.r.choice(TS_UNITS), col)), (1, '(%s)::date' % col)],
            'tstz': [(3, col), (1, "date_trunc('month', %s)" % col)],
            'bool': [(4, col), (1, 'NOT %s' % col), (1, '(%s IS NULL)' % col)],
        }[kind]
        return self.pick(options)

    def output_cols(self, n):
        items = self.keys()
        for _ in range(n):
            items.append(self.r.choice(self.columns)[0])
        return items

    # ---- FROM clauses
    JOINS = [
        # (tables, ON conditions between them: first alias, second alias)
        (('emp', 'dept'), ['e.dept_id = d.id', 'e.s = d.name', 'e.d = d.opened', 'e.i = d.id',
                           'lower(e.s) = lower(d.name)', 'e.dept_id = d.id AND e.b = d.active']),
        (('task', 'emp'), ['k.emp_id = e.id', 'k.qty = e.i', 'k.label = e.s', 'k.due = e.d',
                           'k.emp_id = e.id AND k.dept_id = e.dept_id']),
        (('task', 'dept'), ['k.dept_id = d.id', 'k.label = d.code', 'k.label = d.name', 'k.due = d.opened']),
    ]

    def join_from(self, allow_full=True, three=False):
        tables, conds = self.r.choice(self.JOINS)
        t1, t2 = tables if self.chance(0.5) else tables[::-1]
        types = ['JOIN', 'JOIN', 'LEFT JOIN', 'LEFT JOIN', 'RIGHT JOIN']
        if allow_full and 'full_join' not in self.skip:
            types.append('FULL JOIN')
        jt = self.r.choice(types)
        scope = [(ALIASES[t1], t1), (ALIASES[t2], t2)]
        self.set_scope(scope)
        on = self.r.choice(conds)
        if jt != 'FULL JOIN' and self.chance(0.3):
            on += ' AND ' + self.x_bool(1)
        sql = '%s %s %s %s %s ON %s' % (t1, ALIASES[t1], jt, t2, ALIASES[t2], on)
        if three:
            # the third table joined to whichever of the two it relates to
            t3 = [t for t in fixture.TABLES if t not in (t1, t2)][0]
            cand = [(c, tb) for tb, c in self.JOINS if t3 in tb and (t1 in tb or t2 in tb)]
            cs, tb = self.r.choice(cand)
            jt3 = self.r.choice(['JOIN', 'LEFT JOIN'])
            scope.append((ALIASES[t3], t3))
            self.set_scope(scope)
            sql += ' %s %s %s ON %s' % (jt3, t3, ALIASES[t3], self.r.choice(cs))
        return sql

    def single_from(self):
        t = self.r.choice(['emp', 'emp', 'emp', 'dept', 'task', 'task'])
        self.set_scope([(ALIASES[t], t)])
        return '%s %s' % (t, ALIASES[t])

    def where(self, p=0.85, d=None):
        if not self.chance(p):
            return ''
        return ' WHERE ' + self.x_bool(self.r.randrange(1, 4) if d is None else d)

    def order_item(self, expr):
        return '%s%s%s' % (expr, self.r.choice(['', ' ASC', ' DESC']),
                           self.r.choice(['', '', ' NULLS FIRST', ' NULLS LAST']))

    def limit(self):
        return self.pick([(5, lambda: ' LIMIT %d' % self.r.randrange(0, 30)),
                          (3, lambda: ' LIMIT %d OFFSET %d' % (self.r.randrange(1, 30), self.r.randrange(0, 40))),
                          (1, lambda: ' OFFSET %d' % self.r.randrange(0, 100)),
                          (2, '')])

    # ---- query families: each returns (sql, ordered, tolerant column indexes)
    def q_where(self):
        frm = self.single_from()
        cols = self.output_cols(self.r.randrange(0, 4))
        sql = 'SELECT %s FROM %s%s' % (', '.join(cols), frm, self.where(1.0))
        if self.chance(0.4):
            return sql + ' ORDER BY ' + ', '.join(self.keys()), True, ()
        return sql, False, ()

    def output_expr(self):
        """A select-list expression: no now()/current_date, which differ between
        the two statements (in a condition they cannot change the outcome)."""
        while True:
            kind = self.r.choice(self.scalar_kinds())
            x = self.x_bool(2) if kind == 'bool' else self.expr(kind, self.r.randrange(1, 4))
            if kind == 'bool' or not MUTABLE.search(x):
                return x

    def q_expr(self):
        frm = self.single_from()
        if self.chance(0.15):
            items = [self.stable(self.r.choice(self.scalar_kinds())) for _ in range(self.r.randrange(1, 3))]
            return 'SELECT DISTINCT %s FROM %s%s' % (', '.join(items), frm, self.where(0.5)), False, ()
        items = self.keys() + [self.output_expr() for _ in range(self.r.randrange(1, 4))]
        return 'SELECT %s FROM %s%s' % (', '.join(items), frm, self.where(0.5, 1)), False, ()

    def q_join(self):
        frm = self.join_from(three=self.chance(0.25))
        cols = self.output_cols(self.r.randrange(1, 4))
        sql = 'SELECT %s FROM %s%s' % (', '.join(cols), frm, self.where(0.6, self.r.randrange(1, 3)))
        if self.chance(0.3):
            return sql + ' ORDER BY ' + ', '.join(self.order_item(k) for k in self.keys()), True, ()
        return sql, False, ()

    def q_semi(self):
        outer, inner, links = self.r.choice([
            ('emp', 'task', ['k.emp_id = e.id', 'k.qty = e.i', 'k.label = e.s']),
            ('emp', 'dept', ['d.id = e.dept_id', 'd.name = e.s']),
            ('dept', 'emp', ['e.dept_id = d.id', 'e.s = d.name']),
            ('dept', 'task', ['k.dept_id = d.id']),
            ('task', 'emp', ['e.id = k.emp_id', 'e.i = k.qty']),
        ])
        oa, ia = ALIASES[outer], ALIASES[inner]
        self.set_scope([(ia, inner), (oa, outer)])
        link = self.r.choice(links)
        inner_cond = (' AND ' + self.x_bool(self.r.randrange(1, 3))) if self.chance(0.6) else ''
        self.set_scope([(ia, inner)])
        inner_only = self.where(0.6, self.r.randrange(1, 3))
        self.set_scope([(oa, outer)])
        left, right = link.split(' = ')
        inner_col, outer_col = (left, right) if left.startswith(ia + '.') else (right, left)
        sub = self.pick([
            (4, lambda: '%sEXISTS (SELECT 1 FROM %s %s WHERE %s%s)' % (
                self.r.choice(['', 'NOT ']), inner, ia, link, inner_cond)),
            (2, lambda: '%s %sIN (SELECT %s FROM %s %s%s)' % (
                outer_col, self.r.choice(['', 'NOT ']), inner_col, inner, ia, inner_only)),
            (1, lambda: '%s %s ANY (SELECT %s FROM %s %s%s)' % (
                outer_col, self.r.choice(['=', '<', '>=']), inner_col, inner, ia, inner_only)),
            (1, lambda: '%s %s ALL (SELECT %s FROM %s %s%s)' % (
                outer_col, self.r.choice(['<>', '<=', '>']), inner_col, inner, ia, inner_only)),
        ])
        cols = self.output_cols(self.r.randrange(0, 3))
        if self.chance(0.15):
            cols.append('(SELECT count(*) FROM %s %s WHERE %s)' % (inner, ia, link))
        where = ' WHERE ' + sub
        if self.chance(0.5):
            where += self.r.choice([' AND ', ' OR ']) + self.x_bool(self.r.randrange(1, 3))
        return 'SELECT %s FROM %s %s%s' % (', '.join(cols), outer, oa, where), False, ()

    def agg_item(self):
        """(sql, kind, tolerant)"""
        k = lambda: self.r.choice(self.scalar_kinds())  # noqa: E731
        # (a source without overflow errors may not sum the extremes)
        ints = [c for c in self.cols('int') if 'overflow' not in self.skip or c in self.cols('int', 'safe')]
        nums = self.cols('num') if 'decimal_agg' not in self.skip else []
        num_arg = lambda: self.r.choice(ints + nums  # noqa: E731
                                        + ['(%s * 2)' % c for c in self.cols('int', 'safe')])
        f8 = lambda: self.r.choice([c for c in self.cols('float') if not c.endswith('.r')]  # noqa: E731
                                   or ['1.5::float8'])
        return self.pick([
            (3, lambda: ('count(*)', 'int', False)),
            (2, lambda: ('count(%s)' % self.stable(k()), 'int', False)),
            (2, lambda: ('count(DISTINCT %s)' % self.stable(k()), 'int', False)),
            (3, lambda: ('sum(%s)' % num_arg(), 'num', False)),
            (2, lambda: ('avg(%s)' % num_arg(), 'num', False)),
            (4, self.agg_minmax),
            (1, lambda: ('%s(%s)' % (self.r.choice(['bool_and', 'bool_or', 'every']), self.x_bool(1)),
                         'bool', False)),
            (2, lambda: ('%s(%s)' % (self.r.choice(['stddev', 'variance', 'stddev_pop', 'var_samp']), num_arg()),
                         'num', False)),
            (1, lambda: ('%s(%s)' % (self.r.choice(['sum', 'avg']), self.r.choice(self.cols('float') or ['(1.5)::float8'])),
                         'float', True)),
            (1, lambda: ('%s(%s)' % (self.r.choice(['sum', 'avg', 'stddev', 'variance']), f8()), 'float', True)),
            (1, lambda: ('sum(%s) FILTER (WHERE %s)' % (num_arg(), self.x_bool(1)), 'num', False)),
            (1, lambda: ('count(*) FILTER (WHERE %s)' % self.x_bool(1), 'int', False)),
        ])

    def agg_minmax(self):
        kind = self.r.choice([x for x in self.scalar_kinds() if x != 'bool'
                              and (x != 'num' or 'decimal_agg' not in self.skip)])
        return '%s(%s)' % (self.r.choice(['min', 'max']), self.stable(kind)), kind, False

    def q_agg(self):
        frm = self.join_from(allow_full=True) if self.chance(0.3) else self.single_from()
        nkeys = self.r.choice([0, 1, 1, 1, 2, 2, 3])
        keys = [self.stable(self.r.choice(self.scalar_kinds())) for _ in range(nkeys)]
        aggs = [self.agg_item() for _ in range(self.r.randrange(1, 5))]
        # sum/avg of a real column are exact (the fixture's reals are multiples
        # of 0.25), stddev/variance of it are not: only float8 results tolerate
        tol = tuple(nkeys + i for i, a in enumerate(aggs)
                    if a[2] and not re.match(r'(sum|avg)\(\w\.r\)$', a[0]))
        sql = 'SELECT %s FROM %s%s' % (', '.join(keys + [a[0] for a in aggs]), frm, self.where(0.6))
        if keys:
            sql += ' GROUP BY ' + ', '.join(keys)
        if self.chance(0.35):
            having = self.pick([
                (3, lambda: 'count(*) %s %d' % (self.r.choice(CMP_OPS), self.r.randrange(0, 6))),
                (2, lambda: 'sum(%s) > %s' % (self.r.choice(self.cols('int', 'safe')), self.const('int'))),
                (1, lambda: 'min(%s) < %s' % (self.r.choice(self.cols('text')), self.const('text'))),
                (1, lambda: 'max(%s) >= %s' % (self.r.choice(self.cols('date')), self.const('date'))),
                (1, lambda: 'bool_or(%s)' % self.x_bool(1)),
                (1, lambda: 'avg(%s) > 0' % self.r.choice(self.cols('num') or self.cols('int'))),
                (1, lambda: 'count(DISTINCT %s) >= 2' % self.stable('text')),
            ])
            if self.chance(0.3):
                having = '(%s) %s count(*) > 1' % (having, self.r.choice(['AND', 'OR']))
            sql += ' HAVING ' + having
        if keys and self.chance(0.5):
            sql += ' ORDER BY ' + ', '.join(self.order_item(str(i + 1)) for i in range(nkeys))
            # float8 aggregates of a group holding 1e300 overflow; a LIMIT may
            # stop before that group in one plan and not in the other
            if self.chance(0.6) and not any(a[2] for a in aggs):
                sql += self.limit()
            return sql, True, tol
        return sql, nkeys == 0, tol

    def sort_expr(self):
        if self.chance(0.2):
            x = self.column_expr(self.r.choice(['int', 'text', 'date']), 1)
            if COLUMN_REF.search(x):  # a constant would be a position, or refused
                return x
        return self.stable(self.r.choice(self.scalar_kinds()))

    def q_order(self):
        frm = self.join_from() if self.chance(0.3) else self.single_from()
        cols = self.output_cols(self.r.randrange(1, 4))
        sql = 'SELECT %s FROM %s%s' % (', '.join(cols), frm, self.where(0.5, self.r.randrange(1, 3)))
        sort = [self.order_item(self.sort_expr()) for _ in range(self.r.randrange(1, 4))]
        if self.chance(0.1):
            # WITH TIES: which rows come out is defined, their order is not
            return '%s ORDER BY %s FETCH FIRST %d ROWS WITH TIES' % (sql, sort[0], self.r.randrange(1, 20)), \
                False, ()
        sql += ' ORDER BY ' + ', '.join(sort + [self.order_item(k) for k in self.keys()])
        return sql + self.limit(), True, ()

    # Expressions that raise for some rows, by table: (expression, kind).
    RISKY = {
        'emp': [
            ('e.big + 1', 'int'), ('e.big - 2', 'int'), ('e.big * 2', 'int'), ('(- e.big)', 'int'),
            ('abs(e.big)', 'int'), ('e.big * e.big', 'int'), ('e.big / (-1)', 'int'),
            ('e.big % (-1)', 'int'), ('e.big + e.big', 'int'), ('e.big * 1000', 'int'),
            ('e.si + e.si', 'int'), ('e.si * e.si', 'int'), ('(- e.si)', 'int'), ('abs(e.si)', 'int'),
            ('e.si - 1::smallint', 'int'), ('e.si * 2::smallint', 'int'), ('e.si / (-1)::smallint', 'int'),
            ('e.bi + 1', 'int'), ('e.bi - 1', 'int'), ('e.bi * 2', 'int'), ('(- e.bi)', 'int'),
            ('abs(e.bi)', 'int'), ('e.bi / (-1)', 'int'), ('e.bi * e.bi', 'int'), ('e.bi + e.big', 'int'),
            ('e.i / e.i', 'int'), ('e.i % e.i', 'int'), ('100 / e.i', 'int'), ('e.n / e.i', 'num'),
            ('e.f / e.i', 'float'), ('e.n % e.i', 'num'), ('mod(e.bi, e.i)', 'int'),
            ('e.f * e.f', 'float'), ('e.f * 1e10', 'float'), ('e.f / 1e-10', 'float'),
            ('exp(e.f)', 'float'), ('ln(e.f)', 'float'), ('sqrt(e.f)', 'float'), ('power(e.f, 2)', 'float'),
            ('ln(e.n)', 'num'), ('sqrt(e.n)', 'num'), ('e.bi::int', 'int'), ('e.big::smallint', 'int'),
            ('e.f::int', 'int'), ('e.f::bigint', 'int'), ('e.n::smallint', 'int'), ('e.bi::smallint', 'int'),
            ('e.n::numeric(5,2)', 'num'), ('e.s::int', 'int'), ('e.t::date', 'date'), ('e.s::numeric', 'num'),
            ('(e.d + e.big)', 'date'), ("(e.ts + interval '290000 years')", 'ts'), ('e.bi::float4', 'float'),
            ('e.f::float4', 'float'), ('e.f::numeric::int', 'int'), ('e.r::smallint * 100::smallint', 'int'),
        ],
        'task': [
            ('k.id / k.qty', 'int'), ('k.id % k.qty', 'int'), ('k.price / k.qty', 'num'),
            ('1.0 / k.qty', 'num'), ('k.qty::float8 / k.qty', 'float'), ('k.price % k.qty', 'num'),
            ('k.label::int', 'int'), ('k.price::smallint * 1000::smallint', 'int'),
        ],
        'dept': [
            ('d.rate * d.rate', 'float'), ('d.budget::int * 10000', 'int'), ('d.code::int', 'int'),
            ('d.rate / (d.id - d.id)', 'float'),
        ],
    }
    # the RISKY expressions that fail by dividing by zero or reading bad
    # input; the others fail by overflowing their type's range
    DOMAIN_ERRORS = frozenset([
        'e.i / e.i', 'e.i % e.i', '100 / e.i', 'e.n / e.i', 'e.f / e.i', 'e.n % e.i',
        'mod(e.bi, e.i)', 'ln(e.f)', 'sqrt(e.f)', 'ln(e.n)', 'sqrt(e.n)', 'e.s::int',
        'e.t::date', 'e.s::numeric', 'k.id / k.qty', 'k.id % k.qty', 'k.price / k.qty',
        '1.0 / k.qty', 'k.qty::float8 / k.qty', 'k.price % k.qty', 'k.label::int',
        'd.code::int', 'd.rate / (d.id - d.id)',
    ])
    ZERO = {'int': '0', 'num': '0', 'float': '0', 'date': "DATE '2000-01-01'",
            'ts': "TIMESTAMP '2000-01-01'"}

    def q_errors(self):
        t = self.r.choice(['emp', 'emp', 'emp', 'task', 'dept'])
        a = ALIASES[t]
        x, kind = self.r.choice([(x, k) for x, k in self.RISKY[t]
                                 if 'overflow' not in self.skip or x in self.DOMAIN_ERRORS])
        zero = self.ZERO[kind]
        return self.pick([
            (4, lambda: 'SELECT %s.id FROM %s %s WHERE %s %s %s' % (a, t, a, x, self.r.choice(CMP_OPS), zero)),
            (1, lambda: 'SELECT %s.id FROM %s %s WHERE %s IS NOT NULL' % (a, t, a, x)),
            (2, lambda: 'SELECT %s.id, %s FROM %s %s' % (a, x, t, a)),
            (1, lambda: 'SELECT count(%s) FROM %s %s' % (x, t, a)),
            (1, lambda: 'SELECT %s.id FROM %s %s ORDER BY %s, %s.id LIMIT 3' % (a, t, a, x, a)),
        ]), False, ()


# Queries kept whatever the seed: minimal reproductions of bugs found here
# (family, sql, ordered[, the generator feature it needs, left out where the
# target skips it]).
PINNED = [
    # int4/int2 arithmetic is shipped, but MySQL computes it in BIGINT and
    # never raises "integer out of range" / "smallint out of range"
    ('errors', 'SELECT e.id FROM emp e WHERE e.big + 1 > 0', False, 'overflow'),
    ('errors', 'SELECT e.id FROM emp e WHERE e.si + e.si = 0', False, 'overflow'),
    ('errors', 'SELECT count(e.big * 1000) FROM emp e', False, 'overflow'),
    # MariaDB's subquery cache looks up the outer value with the column's
    # collation (utf8mb4_general_ci): 'Abc' reuses the answer cached for
    # 'abc', whatever BINARY comparison the subquery does (mysql_fdw, and
    # odbc_fdw's MariaDB sessions)
    ('semi', 'SELECT e.id, e.s FROM emp e WHERE EXISTS (SELECT 1 FROM dept d WHERE d.name = e.s)', False),
    # a pushed join with a local Filter and more rows than fetch_size crashes
    ('join', "SELECT count(*) FROM dept d JOIN emp e ON d.id <> e.dept_id WHERE (e.i)::char(3) <> 'a'", False),
    # LIMIT shipped although a qual stays local: fewer rows
    ('order', "SELECT e.id FROM emp e WHERE (e.s)::char(3) <> 'x' ORDER BY e.id LIMIT 3", True),
    # avg(float8) raises overflow locally (its sum of squares overflows),
    # MySQL's AVG returns a value (SQL Server's too)
    ('agg', 'SELECT avg(d.rate) FROM dept d', False),
    # the same grouping column twice: internal error in the upper-path code
    ('agg', 'SELECT d.id, d.id FROM dept d GROUP BY d.id, d.id ORDER BY 1, 2', True),
    # LEFT JOIN turned into an anti join: the select list names the inner
    # table, which the remote SQL only has inside NOT EXISTS
    ('join', 'SELECT k.id, d.code FROM task k LEFT JOIN dept d ON k.dept_id = d.id WHERE d.id IS NULL', False),
    # a pseudo-constant qual (gating Result) is lost when LIMIT is shipped
    ('order', "SELECT k.id FROM task k WHERE localtimestamp < TIMESTAMP '2000-01-01' LIMIT 3", False),
    # SQLite: the hash join's outer scan is drained into a tuplestore when
    # the inner one opens; its read slot was made in the per-tuple context,
    # freed memory that the next query's Sort crashed on
    ('join', 'SELECT k.id, e.id, d.id FROM task k LEFT JOIN emp e ON k.label = e.s '
     'LEFT JOIN dept d ON e.d = d.opened', False),
    ('order', 'SELECT k.id FROM task k ORDER BY k.done DESC, k.id', True),
    # NULLIF was sent as the remote NULLIF, which compares under the remote
    # collation (MariaDB: 'Abc' and 'abc ' equal 'abc'), not with the
    # dialect's spelling of "="
    ('where', "SELECT e.id FROM emp e WHERE NULLIF(e.s, 'abc') IS NULL", False),
    # test/tds crashed on OFFSET without FETCH at the end of a statement
    ('order', 'SELECT d.id FROM dept d ORDER BY d.id OFFSET 27', True),
    # avg(float8) of one row of 1e300 is 1e300: PostgreSQL's sum of squared
    # deviations overflows only from a second row on, the MySQL dialect's
    # guard raised for any value of 1e150 or more
    ('agg', 'SELECT e.id, avg(e.f) FROM emp e GROUP BY e.id', False),
]


def generate(seed, count, skip, only=None):
    """The queries of a seed: query i comes from its own generator, so it is
    the same whatever --count or --only."""
    fam_names = [f for f, _ in FAMILIES]
    weights = [w for _, w in FAMILIES]
    out = []
    for n, (family, sql, ordered, *needs) in enumerate(PINNED, 1):
        qid = 'P%d' % n
        if (only is None or qid in only) and not set(needs) & skip:
            out.append(Query(qid, family, sql, ordered, ()))
    for i in range(1, count + 1):
        if only is not None and str(i) not in only:
            continue
        rng = random.Random('%d/%d' % (seed, i))
        family = rng.choices(fam_names, weights)[0]
        sql, ordered, tol = getattr(Gen(rng, skip), 'q_' + family)()
        out.append(Query(str(i), family, sql, ordered, tol))
    return out


# ---------------------------------------------------------------- running

def _raw_text(value, cur):
    return value


def connect(dbname, search_path):
    conn = psycopg2.connect(dbname=dbname)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute('SELECT oid FROM pg_type')
        raw = psycopg2.extensions.new_type(tuple(r[0] for r in cur.fetchall()), 'RAW_TEXT', _raw_text)
        psycopg2.extensions.register_type(raw, conn)
        cur.execute("SET search_path = %s, pg_catalog; SET TimeZone = 'America/New_York'; "
                    "SET statement_timeout = %s", (search_path, STATEMENT_TIMEOUT))
    return conn


def setup(dbname, target, env):
    """Server, user mapping, foreign tables in f, local copies in l."""
    conn = psycopg2.connect(dbname=dbname)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute('CREATE EXTENSION IF NOT EXISTS %s' % target.fdw)
        cur.execute('DROP SERVER IF EXISTS diff_svr CASCADE')
        opts = lambda d: ', '.join('%s %s' % (k, lit_text(str(v))) for k, v in d.items())  # noqa: E731
        sopts = dict(target.server_options(env))
        # DIFF_SERVER_OPTIONS="bulk_rows=0,...": extra server options (say, to
        # run every scan over mysql_fdw's binary protocol)
        for kv in filter(None, os.environ.get('DIFF_SERVER_OPTIONS', '').split(',')):
            k, _, v = kv.partition('=')
            sopts[k.strip()] = v.strip()
        cur.execute('CREATE SERVER diff_svr FOREIGN DATA WRAPPER %s OPTIONS (%s)'
                    % (target.fdw, opts(sopts)))
        uopts = target.user_options(env)
        cur.execute('CREATE USER MAPPING FOR CURRENT_USER SERVER diff_svr%s'
                    % (' OPTIONS (%s)' % opts(uopts) if uopts else ''))
        cur.execute('DROP SCHEMA IF EXISTS f CASCADE; DROP SCHEMA IF EXISTS l CASCADE; '
                    'CREATE SCHEMA f; CREATE SCHEMA l')
        fixture.create_foreign(cur, 'f', 'diff_svr', target.table_options)
        fixture.create_local(cur, 'l')
        for t in fixture.TABLES:
            cur.execute('ANALYZE l.%s' % t)
            cur.execute('ANALYZE f.%s' % t)
    conn.close()


def run(conn, sql):
    """('rows', [tuples of text]), ('error', sqlstate, message) or, when the
    backend died, ('crash', None, message)."""
    try:
        with conn.cursor() as cur:
            cur.execute(sql)
            return ('rows', cur.fetchall())
    except psycopg2.Error as e:
        msg = (e.pgerror or str(e)).strip().splitlines()
        msg = msg[0] if msg else ''
        if conn.closed or (e.pgcode is None and isinstance(e, psycopg2.OperationalError)):
            return ('crash', None, msg)
        return ('error', e.pgcode, msg)


class Session:
    """The two connections (search_path f and l); reopened after a crash."""

    def __init__(self, dbname):
        self.dbname = dbname
        self.cf = self.cl = None
        self.open()

    def open(self, wait=60):
        for c in (self.cf, self.cl):
            if c is not None and not c.closed:
                c.close()
        deadline = time.time() + wait
        while True:
            try:
                self.cf, self.cl = connect(self.dbname, 'f'), connect(self.dbname, 'l')
                return
            except psycopg2.OperationalError:
                # a crashed server restarts and refuses connections meanwhile
                if time.time() > deadline:
                    raise
                time.sleep(0.5)

    def run(self, side, sql):
        r = run(self.cf if side == 'f' else self.cl, sql)
        if r[0] == 'crash':
            self.open()
        return r


def verify_data(cf, cl):
    """Every fixture row must read back identical through the FDW."""
    problems = []
    for t in fixture.TABLES:
        sql = 'SELECT * FROM %s ORDER BY id' % t
        rf, rl = run(cf, sql), run(cl, sql)
        if rf[0] != 'rows' or rl[0] != 'rows':
            problems.append('%s: %s / %s' % (t, rf, rl))
            continue
        if len(rf[1]) != len(rl[1]):
            problems.append('%s: %d rows through the FDW, %d local' % (t, len(rf[1]), len(rl[1])))
        for a, b in zip(rf[1], rl[1]):
            if a != b:
                cols = [c.name for c in fixture.TABLES[t]]
                diff = ['%s: %r vs %r' % (n, x, y) for n, x, y in zip(cols, a, b) if x != y]
                problems.append('%s id=%s: foreign vs local: %s' % (t, b[0], '; '.join(diff)))
    return problems


PUSHED_RE = re.compile(r'\b(WHERE|JOIN|GROUP BY|ORDER BY|LIMIT)\b')


def plan_nodes(plan):
    yield plan
    for p in plan.get('Plans', []):
        yield from plan_nodes(p)


def classify(r):
    """From the result of EXPLAIN (FORMAT JSON): 'full', 'partial', 'none',
    'local' (no foreign scan) or 'noplan'."""
    if r[0] != 'rows':
        return 'noplan'
    top = json.loads(r[1][0][0])[0]['Plan']
    scans = [n for n in plan_nodes(top) if n['Node Type'] == 'Foreign Scan']
    if not scans:
        return 'local'
    if top['Node Type'] == 'Foreign Scan' and 'Plans' not in top and 'Filter' not in top:
        return 'full'
    if any(PUSHED_RE.search(n.get('Remote SQL', '')) for n in scans):
        return 'partial'
    return 'none'


def tolerant_equal(a, b):
    if a == b:
        return True
    if a is None or b is None:
        return False
    try:
        x, y = float(a), float(b)
    except ValueError:
        return False
    return abs(x - y) <= FLOAT_TOLERANCE * max(1.0, abs(x), abs(y))


def sort_key(tol):
    def key(row):
        k = [(0, '') if v is None else (1, v) for i, v in enumerate(row) if i not in tol]
        k += [(0, 0.0) if row[i] is None else (1, float(row[i])) for i in tol if i < len(row)]
        return k
    return key


def compare(q, rf, rl):
    """None when the results match, 'tolerated' when they match only within
    the float8 aggregate tolerance, else 'wrong', 'error' or 'crash'."""
    if rf[0] == 'crash' or rl[0] == 'crash':
        return 'crash'
    if rf[0] == 'error' or rl[0] == 'error':
        return None if rf[0] == rl[0] else 'error'
    a, b = rf[1], rl[1]
    if len(a) != len(b):
        return 'wrong'
    if not q.ordered:
        a, b = sorted(a, key=sort_key(q.tol)), sorted(b, key=sort_key(q.tol))
    tolerated = None
    for ra, rb in zip(a, b):
        if ra == rb:
            continue
        if not q.tol or len(ra) != len(rb):
            return 'wrong'
        if not all(tolerant_equal(x, y) if i in q.tol else x == y for i, (x, y) in enumerate(zip(ra, rb))):
            return 'wrong'
        tolerated = 'tolerated'
    return tolerated


def show_result(r, limit=12):
    if r[0] == 'crash':
        return '  CONNECTION LOST (the backend crashed?): %s' % r[2]
    if r[0] == 'error':
        return '  ERROR %s: %s' % (r[1], r[2])
    rows = r[1]
    lines = ['  (%d rows)' % len(rows)]
    for row in rows[:limit]:
        lines.append('  | ' + ' | '.join('NULL' if v is None else repr(v) if isinstance(v, str) and
                                         (v != v.strip() or v == '') else str(v) for v in row))
    if len(rows) > limit:
        lines.append('  ...')
    return '\n'.join(lines)


def result_diff(q, rf, rl, limit=8):
    """Rows only on one side (multiset difference), when both sides returned rows."""
    if rf[0] != 'rows' or rl[0] != 'rows':
        return ''
    cf, cl = Counter(rf[1]), Counter(rl[1])
    only_f, only_l = list((cf - cl).elements()), list((cl - cf).elements())
    if not only_f and not only_l:
        return '  (same rows, different order)'
    return 'only foreign:\n%s\nonly local:\n%s' % (show_result(('rows', only_f), limit),
                                                   show_result(('rows', only_l), limit))


KIND_TITLES = {'wrong': 'WRONG RESULT', 'error': 'ERROR MISMATCH', 'crash': 'CRASH'}


def report_failure(out, q, kind, rf, rl, explain, seed, target):
    plan = '\n'.join('  ' + r[0] for r in explain[1]) if explain[0] == 'rows' else show_result(explain)
    suite = 'differential' if target == 'mysql' else 'differential_' + target
    out.write('\n==== FAIL query %s [%s] %s (reproduce: DIFF_SEED=%d DIFF_ONLY=%s bash test/run.sh %s,'
              ' or difftest.py --target %s --seed %d --only %s)\n'
              % (q.qid, q.family, KIND_TITLES[kind], seed, q.qid, suite, target, seed, q.qid))
    out.write('%s;\n' % q.sql)
    out.write('foreign tables:\n%s\nlocal tables:\n%s\n' % (show_result(rf), show_result(rl)))
    d = result_diff(q, rf, rl)
    if d:
        out.write(d + '\n')
    out.write('plan (foreign):\n%s\n' % plan)


class LazyFile:
    """A file opened for writing on the first write."""

    def __init__(self, path):
        self.path, self.f = path, None

    def write(self, text):
        if self.f is None:
            self.f = open(self.path, 'w')
        self.f.write(text)

    def close(self):
        if self.f is not None:
            self.f.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--target', default='mysql', choices=sorted(TARGETS))
    ap.add_argument('--seed', type=int, default=DEFAULT_SEED)
    ap.add_argument('--count', type=int, default=DEFAULT_COUNT)
    ap.add_argument('--only', help='comma-separated query ids (numbers, or P1.. for pinned ones)')
    ap.add_argument('--list', action='store_true', help='print the queries, run nothing')
    ap.add_argument('--dbname', default=os.environ.get('PGDATABASE', 'regress_differential'))
    ap.add_argument('--no-setup', action='store_true', help='reuse the tables of a previous run')
    ap.add_argument('--diffs', help='also write the failure reports to this file')
    ap.add_argument('--max-report', type=int, default=25, help='failures reported in full')
    ap.add_argument('--verbose', action='store_true', help='print every query with its outcome')
    ap.add_argument('--plans', help='write the plan of every query not pushed fully to this file '
                    '(what stays local, to see what to push next)')
    args = ap.parse_args()

    target = TARGETS[args.target]
    only = set(args.only.split(',')) if args.only else None
    skip = target.skip(os.environ) if callable(target.skip) else target.skip
    queries = generate(args.seed, args.count, skip, only)
    if args.list:
        for q in queries:
            print('-- %s [%s]\n%s;' % (q.qid, q.family, q.sql))
        return 0

    # full failure reports go to --diffs when given (stdout gets one line
    # each), else to stdout; the file is created only when something failed
    diffs = LazyFile(args.diffs) if args.diffs else sys.stdout
    name = 'diff_' + args.target
    start = time.time()
    print('differential test: target %s (%s), seed %d, %d queries (%d pinned)%s'
          % (args.target, target.fdw, args.seed, len(queries), sum(q.qid.startswith('P') for q in queries),
             '; left out: ' + ', '.join(sorted(skip)) if skip else ''))
    try:
        if not args.no_setup:
            setup(args.dbname, target, os.environ)
        sess = Session(args.dbname)
    except (psycopg2.Error, KeyError) as e:
        print('setup failed: %s' % e)
        print('test %-24s ... FAILED' % (name + '_setup'))
        return 2

    problems = verify_data(sess.cf, sess.cl)
    if problems:
        print('the fixture does not read back identical through the FDW:')
        for p in problems[:30]:
            print('  ' + p)
        if args.diffs:
            diffs.write('\n'.join(problems) + '\n')
            diffs.close()
        print('test %-24s ... FAILED' % (name + '_data'))
        return 1
    print('fixture: %s rows, identical through the FDW'
          % ', '.join('%s %d' % (t, n) for t, n in fixture.ROW_COUNTS.items()))

    fams = [f for f, _ in FAMILIES] + (['pinned'] if PINNED else [])
    stats = {f: Counter() for f in fams}
    stats['tolerated'] = 0
    reported = 0
    plans = LazyFile(args.plans) if args.plans else None
    for q in queries:
        rf = sess.run('f', q.sql)
        rl = sess.run('l', q.sql)
        kind = compare(q, rf, rl)
        tolerated = kind == 'tolerated'
        if tolerated:
            stats['tolerated'] += 1
            kind = None
        explain = sess.run('f', 'EXPLAIN (VERBOSE, COSTS OFF, FORMAT JSON) ' + q.sql)
        push = classify(explain)
        fam = 'pinned' if q.qid.startswith('P') else q.family
        st = stats[fam]
        st['queries'] += 1
        st[push] += 1
        if kind is None:
            st['ok'] += 1
            if rf[0] == 'error':
                st['both_error'] += 1
        else:
            st[kind] += 1
            if reported < args.max_report:
                explain = sess.run('f', 'EXPLAIN (VERBOSE, COSTS OFF) ' + q.sql)
                report_failure(diffs, q, kind, rf, rl, explain, args.seed, args.target)
            if args.diffs or reported >= args.max_report:
                print('FAIL query %s [%s] %s: %s' % (q.qid, q.family, KIND_TITLES[kind], q.sql[:150]))
            reported += 1
        if plans is not None and push != 'full':
            text = sess.run('f', 'EXPLAIN (VERBOSE, COSTS OFF) ' + q.sql)
            plans.write('==== %s [%s] %s\n%s;\n%s\n' % (
                q.qid, fam, push, q.sql,
                '\n'.join(r[0] for r in text[1]) if text[0] == 'rows' else show_result(text)))
        if args.verbose:
            print('%s [%s] %s %s%s: %s' % (q.qid, q.family, push, kind or ('tolerated' if tolerated else 'ok'),
                                          ' (both fail: %s)' % rl[2] if rl[0] == rf[0] == 'error' else '', q.sql))

    total = Counter()
    for f in fams:
        total.update(stats[f])
    cols = ['queries', 'ok', 'wrong', 'error', 'crash', 'both_error', 'full', 'partial', 'none', 'local']
    print('\n%-8s %8s %6s %6s %7s %6s %8s %6s %8s %6s %6s' % (
        'family', 'queries', 'ok', 'wrong', 'errmis', 'crash', 'botherr', 'full', 'partial', 'none', 'local'))
    for f in fams + ['total']:
        st = total if f == 'total' else stats[f]
        if st['queries']:
            print('%-8s %8d %6d %6d %7d %6d %8d %6d %8d %6d %6d' % ((f,) + tuple(st[c] for c in cols)))
    print('pushdown: %d fully, %d partly, %d not at all, %d without a foreign scan, %d not explainable'
          % (total['full'], total['partial'], total['none'], total['local'], total['noplan']))
    print('results: %d matched (%d of them errors on both sides, %d only within the float8 aggregate tolerance), '
          '%d wrong results, %d error mismatches, %d crashes; %.1f s'
          % (total['ok'], total['both_error'], stats['tolerated'], total['wrong'], total['error'],
             total['crash'], time.time() - start))
    print('test %-24s ... ok' % (name + '_data'))
    for f in fams:
        if stats[f]['queries']:
            bad = stats[f]['wrong'] + stats[f]['error'] + stats[f]['crash']
            print('test %-24s ... %s' % ('%s_%s' % (name, f), 'FAILED' if bad else 'ok'))
    if args.diffs:
        diffs.close()
    if plans is not None:
        plans.close()
    return 1 if total['wrong'] + total['error'] + total['crash'] else 0


if __name__ == '__main__':
    sys.exit(main())
