"""A URLconf with one failing view, to see what a person gets when the server fails."""

from django.urls import path

from serviceloop.urls import handler400, handler403, handler404, urlpatterns  # noqa: F401


def explode(request):
    raise RuntimeError("secret internal detail")


urlpatterns = [*urlpatterns, path("explode/", explode)]
