from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from .models import Article
from .services import sweep_due_reviews
from .services.semantic import enabled, index_vector


@db_periodic_task(crontab(hour="2", minute="41"))
def flag_articles_due_for_review() -> None:
    """Nightly: published articles whose review date has come are flagged for their owners."""
    sweep_due_reviews()


@db_task(retries=2, retry_delay=30)
def embed_article(article_id: int) -> None:
    """After an article's text changed: its vector for semantic matching (tens of milliseconds of
    numpy, kept out of the writer's transaction)."""
    article = Article.objects.filter(pk=article_id).first()
    if article is not None and enabled():
        index_vector(article)
