"""Analysis of the graph: plain functions over a KnowledgeGraph or its networkx view, returning plain data."""
from kg.analysis._base import GraphLike, resolve
from kg.analysis.dates import DatedDocument, Documents, MonthCount, Timeline, documents, timeline
from kg.analysis.diff import Diff, EntityChange, RelationChange, compare
from kg.analysis.diffusion import Diffusion, DiffusionMonth, PlaceDiffusion, Report, diffusion
from kg.analysis.explore import Hop, Neighbourhood, Node, Path, Paths, neighbourhood, paths
from kg.analysis.profiles import LocalityProfile, Member, ProgrammeMap, locality_profile, programme_map
from kg.analysis.rank import Centrality, Communities, Community, Ranked, centrality, communities
from kg.analysis.sample import example_graph

__all__ = [
    "centrality", "communities", "neighbourhood", "paths", "programme_map", "locality_profile", "compare",
    "resolve", "example_graph", "GraphLike", "documents", "timeline", "diffusion",
    "Centrality", "Ranked", "Communities", "Community", "Neighbourhood", "Node", "Hop", "Paths", "Path",
    "ProgrammeMap", "LocalityProfile", "Member", "Diff", "EntityChange", "RelationChange",
    "Documents", "DatedDocument", "Timeline", "MonthCount", "Diffusion", "PlaceDiffusion", "Report", "DiffusionMonth",
]
