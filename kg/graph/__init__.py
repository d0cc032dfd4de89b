"""The merged knowledge graph and its views."""
from kg.graph.model import KnowledgeGraph

__all__ = ["KnowledgeGraph"]
