"""Which builder renders the generated Markdown, for the messages and loggers that name it.

ProperDocs (a drop-in fork of MkDocs 1.x by a former MkDocs maintainer, committed to no breaking
changes) renders the site; the import alias that makes Material's `mkdocs` imports load it lives
in kennisbank/__init__.py. MkDocs itself stays installed only because Material's package metadata
requires it; none of its code runs.
"""
from __future__ import annotations

import properdocs

NAME = "ProperDocs"
VERSION = properdocs.__version__
# The builder logs under its own module names (properdocs.*); the theme's plugins log under mkdocs.*.
LOGGERS = ("properdocs", "mkdocs")
