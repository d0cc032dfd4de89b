"""Why a query could not be answered; every message is one sentence fit for the user."""
from __future__ import annotations


class QueryError(ValueError):
    """A query that cannot be answered (base class)."""


class QuerySyntaxError(QueryError):
    """A malformed query; `line` and `column` (1-based) point at the problem."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.line = line
        self.column = column

    def __reduce__(self):  # keeps line/column when the error crosses a process boundary
        return (type(self), (str(self), self.line, self.column))


class QueryRefused(QueryError):
    """An operation the graph does not allow: updates, LOAD, SERVICE."""


class ResultTooLarge(QueryError):
    """The result has more rows than the caller's limit."""


class QueryTimeout(QueryError):
    """The query did not finish within its time limit."""


class EngineCrashed(QueryError):
    """The query engine died on the query (a signal, an abort): a fault of the engine, HTTP 500."""


class GraphNotFound(QueryError):
    """There is no graph where the caller said (the message says to run `kg build`)."""


class NotAcceptable(QueryError):
    """The client accepts no format this kind of result has (HTTP 406)."""


class UnknownFormat(QueryError):
    """A ?format= name that is not a format of this kind of result (HTTP 400)."""
