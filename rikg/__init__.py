"""rikg: the Roma Inclusion Knowledge Graph."""

__version__ = "0.1.0"
