from .article import LIVE_STATUSES, Article, ArticleStatus, Kind, Visibility
from .attachment import ArticleAttachment, AttachmentKind
from .category import DEFAULT_REVIEW_DAYS, KnowledgeCategory
from .feedback import ArticleFeedback, Deflection, GapStatus, SearchMiss
from .history import ArticleEvent
from .recognition import ContributorRecognition
from .use import ArticleUse
from .vector import ArticleVector
from .version import VERSIONED_FIELDS, ArticleVersion

__all__ = [
    "DEFAULT_REVIEW_DAYS",
    "LIVE_STATUSES",
    "VERSIONED_FIELDS",
    "Article",
    "ArticleAttachment",
    "ArticleEvent",
    "ArticleFeedback",
    "ArticleStatus",
    "ArticleUse",
    "ArticleVector",
    "ArticleVersion",
    "AttachmentKind",
    "ContributorRecognition",
    "Deflection",
    "GapStatus",
    "Kind",
    "KnowledgeCategory",
    "SearchMiss",
    "Visibility",
]
