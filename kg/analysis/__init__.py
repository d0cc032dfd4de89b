"""Analysis of the graph: plain functions over a KnowledgeGraph or its networkx view, returning plain data."""
from kg.analysis._base import GraphLike, resolve
from kg.analysis.rank import Centrality, Communities, Community, Ranked, centrality, communities
from kg.analysis.sample import example_graph

__all__ = ["GraphLike", "resolve", "example_graph", "centrality", "communities",
           "Centrality", "Communities", "Community", "Ranked"]
