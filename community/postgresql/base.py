"""Django's PostgreSQL backend, remembering whether the two columns of a join differ in type.

On every join of every query it compiles, Django's PostgreSQL backend asks both columns'
database types, to cast one when they differ; a foreign key to a `BigAutoField` builds a new
`BigIntegerField` to answer. That was 0.1 ms a join: a millisecond of a thread page's nine
joins, more on a thread list. The answer for a pair of model fields never changes.

On a Django upgrade, compare `prepare_join_on_clause` with Django's own
(django/db/backends/postgresql/operations.py); tests/community/test_postgresql_backend.py
fails if the SQL written here and there ever differs.
"""

from __future__ import annotations

from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.backends.postgresql import base, operations
from django.db.models.functions import Cast


class DatabaseOperations(operations.DatabaseOperations):
    def __init__(self, connection) -> None:
        super().__init__(connection)
        self._join_types_differ: dict[tuple, bool] = {}

    def prepare_join_on_clause(self, lhs_table, lhs_field, rhs_table, rhs_field):
        # What operations.DatabaseOperations does, with its type comparison remembered.
        lhs_expr, rhs_expr = BaseDatabaseOperations.prepare_join_on_clause(
            self, lhs_table, lhs_field, rhs_table, rhs_field
        )
        pair = (lhs_field, rhs_field)
        differ = self._join_types_differ.get(pair)
        if differ is None:
            differ = lhs_field.db_type(self.connection) != rhs_field.db_type(self.connection)
            self._join_types_differ[pair] = differ
        if differ:
            rhs_expr = Cast(rhs_expr, lhs_field)
        return lhs_expr, rhs_expr


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
