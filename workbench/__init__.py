"""Workbench: a desktop annotation workbench for analysts."""

__version__ = "0.1.0"
