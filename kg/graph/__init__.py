"""The merged knowledge graph and its views."""
from kg.graph.knowledge_graph import KnowledgeGraph

__all__ = ["KnowledgeGraph"]
