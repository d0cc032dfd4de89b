"""SPARQL over the graph: queries with Oxigraph or rdflib, the persistent store, the HTTP endpoint, push."""
from __future__ import annotations

from kg.query.errors import GraphNotFound, QueryError, QueryRefused, QuerySyntaxError, QueryTimeout, ResultTooLarge
from kg.query.results import IRI, QueryResult, Term
from kg.query.sparql import run_query

__all__ = ["run_query", "QueryResult", "Term", "IRI", "QueryError", "QuerySyntaxError", "QueryRefused",
           "QueryTimeout", "ResultTooLarge", "GraphNotFound"]
