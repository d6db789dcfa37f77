from django.db import models


class ArticleVector(models.Model):
    """The article's meaning as a sentence embedding, for semantic matching beside full text.

    512 numbers of an L2-normalised vector, each stored as one signed byte (value * 127): a quarter
    of the size of floats, so every process can hold all articles' vectors in memory, at a cost in
    cosine similarity below 0.01. `source` is a hash of the text embedded: unchanged text is not
    embedded again."""

    article = models.OneToOneField(
        "knowledge.Article", on_delete=models.CASCADE, primary_key=True, related_name="vector"
    )
    vector = models.BinaryField()
    source = models.CharField(max_length=64)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = "article vector"

    def __str__(self) -> str:
        return str(self.article_id)
