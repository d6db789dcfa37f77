"""Settings come from the environment (twelve-factor); the defaults run the embedded product."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from huey import RedisHuey
from xstatic.pkg import bootstrap as xstatic_bootstrap

from serviceloop.core.task_queue import sqlite_huey

# numpy's BLAS would start a thread per core for each small matrix product of the sentence encoder
# (knowledge search): on a web worker that already serves requests in parallel, that made a 2 ms
# embedding take 100 ms at the 95th percentile. One thread each, unless the environment says more.
for _blas_threads in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_blas_threads, "1")

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("SERVICELOOP_VAR_DIR", Path.cwd() / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)
(VAR_DIR / "static").mkdir(exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and env_bool("SERVICELOOP_REQUIRE_SECRET"):
        raise RuntimeError("SECRET_KEY must be set in production")
    SECRET_KEY = "serviceloop-insecure-development-key-change-me"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # for its static Swagger UI: the API docs load nothing from a CDN
    "huey.contrib.djhuey",
    "serviceloop.core",
    "serviceloop.accounts",
    "serviceloop.customers",
    "serviceloop.tickets",
    "serviceloop.channels",
    "serviceloop.notifications",
    "serviceloop.sla",
    "serviceloop.routing",
    "serviceloop.solutions",
    "serviceloop.knowledge",
    "serviceloop.api",
    "serviceloop.console",
    "serviceloop.portal",
    "serviceloop.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "serviceloop.accounts.middleware.UserLanguageAndZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "serviceloop.accounts.middleware.PartnerAuditMiddleware",
]

ROOT_URLCONF = "serviceloop.urls"
WSGI_APPLICATION = "serviceloop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
            ],
        },
    }
]

DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'serviceloop.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["ENGINE"] = "serviceloop.core.sqlite"  # writers queue without polling
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock up front
        # so two writers queue instead of failing half way through a transaction.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
        "transaction_mode": "IMMEDIATE",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters bound by the server, and a statement run a few times on a connection prepared:
    # PostgreSQL then parses and plans the busy paths' statements once per connection, not on each
    # call (ticket creation: 40% less database CPU). Turn off (`off`) behind a pooler in
    # transaction mode that cannot keep prepared statements (PgBouncer before 1.21).
    _prepare = os.environ.get("DATABASE_PREPARE_THRESHOLD", "5").strip().lower()
    if _prepare not in ("off", "0", ""):
        if not _prepare.isdigit():
            raise ImproperlyConfigured(
                f"DATABASE_PREPARE_THRESHOLD must be a whole number of runs or 'off', not {_prepare!r}."
            )
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            {"server_side_binding": True, "prepare_threshold": int(_prepare)}
        )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
PASSWORD_HASHERS = env_list("PASSWORD_HASHERS") or [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static", ("bootstrap", xstatic_bootstrap.BASE_DIR)]
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES")
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES")
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Serviceloop <support@serviceloop.localhost>")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

REDIS_URL = os.environ.get("REDIS_URL", "")
HUEY_IMMEDIATE = env_bool("HUEY_IMMEDIATE")
if REDIS_URL:
    HUEY = RedisHuey("serviceloop", url=REDIS_URL, immediate=HUEY_IMMEDIATE)
else:
    HUEY = sqlite_huey("serviceloop", filename=str(VAR_DIR / "huey.sqlite3"), immediate=HUEY_IMMEDIATE)

# Serviceloop's own knobs
TICKET_NUMBER_PREFIX = os.environ.get("TICKET_NUMBER_PREFIX", "SL")
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES", str(20 * 1024 * 1024)))
ATTACHMENT_BLOCKED_EXTENSIONS = env_list(
    "ATTACHMENT_BLOCKED_EXTENSIONS",
    ".exe,.com,.bat,.cmd,.msi,.scr,.js,.vbs,.ps1,.sh,.jar,.html,.htm,.svg,.php",
)

# The e-mail channel
MAIL_DOMAIN = os.environ.get("MAIL_DOMAIN", "serviceloop.localhost")  # right of the @ in our Message-IDs
MAIL_MAX_BYTES = int(os.environ.get("MAIL_MAX_BYTES", str(60 * 1024 * 1024)))  # larger mails fail, kept
MAIL_RATE_LIMIT_PER_HOUR = int(os.environ.get("MAIL_RATE_LIMIT_PER_HOUR", "30"))  # per sender address
MAIL_UNKNOWN_SENDERS_ORGANISATION = os.environ.get("MAIL_UNKNOWN_SENDERS_ORGANISATION", "Unknown senders")
MAIL_POLL_SECONDS = int(os.environ.get("MAIL_POLL_SECONDS", "60"))
# The mail servers (authserv-id) whose Authentication-Results are believed: when set, staff and
# partners act by mail only if one of them reports a DMARC, DKIM or SPF pass for the From domain.
MAIL_TRUSTED_AUTHSERV_IDS = env_list("MAIL_TRUSTED_AUTHSERV_IDS")
# Seconds to wait before each new try of a mail the SMTP server did not take; then it is marked failed.
MAIL_RETRY_DELAYS = [int(s) for s in env_list("MAIL_RETRY_DELAYS", "60,300,900,3600,14400")]
MAIL_RECEIVER_HOST = os.environ.get("MAIL_RECEIVER_HOST", "127.0.0.1")  # `serviceloop receive_mail`
MAIL_RECEIVER_PORT = int(os.environ.get("MAIL_RECEIVER_PORT", "2525"))

# Asking the customer whether a fix works: one reminder after this many days without an answer, and
# resolved without one after this many (0 turns either off).
VERIFICATION_REMINDER_DAYS = int(os.environ.get("VERIFICATION_REMINDER_DAYS", "3"))
VERIFICATION_AUTO_RESOLVE_DAYS = int(os.environ.get("VERIFICATION_AUTO_RESOLVE_DAYS", "7"))

# A supplier offered a ticket has this long to answer before our own expert takes it, when the
# ticket's SLA policy sets no "expert reply" target (that target, on its calendar, wins).
SUPPLIER_REPLY_MINUTES = int(os.environ.get("SUPPLIER_REPLY_MINUTES", "30"))

# Knowledge search by meaning beside words (a sentence encoder loaded in each process that searches).
KNOWLEDGE_SEMANTIC = env_bool("KNOWLEDGE_SEMANTIC", default=True)
# How many of a quarter's knowledge contributors are thanked by name when it ends.
KNOWLEDGE_TOP_CONTRIBUTORS = int(os.environ.get("KNOWLEDGE_TOP_CONTRIBUTORS", "3"))

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # The Huey consumer installs its own handler; without this its lines would print twice.
    "loggers": {
        "huey": {"level": "INFO", "propagate": False},
        # aiosmtpd logs every connection at INFO, including its own start-up probe.
        "mail.log": {"level": "WARNING"},
    },
}
