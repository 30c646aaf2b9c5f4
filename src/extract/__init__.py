"""extract: structured, traceable facts from Chinese news about industrial parks."""

__version__ = "0.1.0"
