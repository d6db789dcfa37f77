import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "serviceloop.settings")
application = get_wsgi_application()

# Django imports the URLconf (and with it the API's schemas, a second's work) on the first request;
# doing it here makes a new worker ready before it takes traffic, not while a caller waits.
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018
