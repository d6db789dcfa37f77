"""The knowledge base: articles written, versioned, reviewed, read and searched."""

from .content import ArticleContent
from .filters import SearchFilters
from .from_tickets import draft_from_ticket
from .hybrid import search_results
from .rendering import plain_text, render_markdown
from .search import SearchHit, fulltext_results, search_articles
from .versions import compare, side_by_side_html, unified_diff
from .visibility import get_visible_article, language_versions, visible_articles
from .workflow import MOVES, can, move, sweep_due_reviews
from .writing import create_article, edit_article, get_version, restore_version

__all__ = [
    "MOVES",
    "ArticleContent",
    "SearchFilters",
    "SearchHit",
    "can",
    "compare",
    "create_article",
    "draft_from_ticket",
    "edit_article",
    "fulltext_results",
    "get_version",
    "get_visible_article",
    "language_versions",
    "move",
    "plain_text",
    "render_markdown",
    "restore_version",
    "search_articles",
    "search_results",
    "side_by_side_html",
    "sweep_due_reviews",
    "unified_diff",
    "visible_articles",
]
