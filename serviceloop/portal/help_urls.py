"""The public help centre under /help/: clean, readable addresses search engines can index."""

from django.urls import path

from .views import help, help_actions, help_files

app_name = "help"
urlpatterns = [
    path("", help.home, name="home"),
    path("search/", help.search, name="search"),
    path("suggest/", help_actions.suggest, name="suggest"),
    path("categories/<int:pk>/", help.category, name="category_by_id"),
    path("categories/<int:pk>-<str:words>/", help.category, name="category"),
    path("articles/<int:pk>/", help.article, name="article_by_id"),
    path("articles/<int:pk>-<str:words>/", help.article, name="article"),
    path("articles/<int:pk>/feedback/", help_actions.feedback, name="feedback"),
    path("articles/<int:pk>/solved/", help_actions.solved, name="solved"),
    path("articles/<int:pk>/files/<int:attachment_id>/", help_files.download, name="file"),
]
