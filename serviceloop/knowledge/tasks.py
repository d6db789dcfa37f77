from datetime import datetime

from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task

from .models import Article
from .services import sweep_due_reviews
from .services.recognition import in_project_time, quarter_just_ended, recognise
from .services.semantic import enabled, index_vector

# Early on the first days of January, April, July and October. Days 2 to 7 catch up a quarter missed
# while no worker ran: recognising is once per quarter, so the later runs send nothing.
_QUARTER_MORNINGS = crontab(minute="7", hour="4", day="1-7", month="1,4,7,10")


def first_mornings_of_a_quarter(timestamp: datetime) -> bool:
    """Huey's clock read in the project's TIME_ZONE (huey counts in UTC), where quarters begin."""
    return bool(_QUARTER_MORNINGS(in_project_time(timestamp, utc=HUEY.utc)))


@db_periodic_task(crontab(hour="2", minute="41"))
def flag_articles_due_for_review() -> None:
    """Nightly: published articles whose review date has come are flagged for their owners."""
    sweep_due_reviews()


@db_periodic_task(first_mornings_of_a_quarter)
def recognise_top_contributors() -> None:
    """Quarterly: the top contributors of the quarter just ended are thanked, the managers told."""
    recognise(quarter_just_ended())


@db_task(retries=2, retry_delay=30)
def embed_article(article_id: int) -> None:
    """After an article's text changed: its vector for semantic matching (tens of milliseconds of
    numpy, kept out of the writer's transaction)."""
    article = Article.objects.filter(pk=article_id).first()
    if article is not None and enabled():
        index_vector(article)
