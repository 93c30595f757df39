"""Django settings: SQLite with zero configuration, PostgreSQL by DATABASE_URL, all else by env."""

from __future__ import annotations

from pathlib import Path

from nearer.web import mail_server
from nearer.web.env import (
    database,
    env_bool,
    env_hosts,
    env_int,
    env_log_level,
    env_origins,
    env_path,
    env_public_url,
    env_str,
)
from nearer.web.private_files import data_dir, env_secret

PACKAGE = Path(__file__).resolve().parent
DATA_DIR = data_dir()

DEBUG = env_bool("NEARER_DEBUG", False)
SECRET_KEY = env_secret("NEARER_SECRET_KEY", DATA_DIR)
ALLOWED_HOSTS = env_hosts("NEARER_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_origins("NEARER_CSRF_TRUSTED_ORIGINS")
# Where links in emails point (nearer.web.accounts.links): never a host a request chose.
NEARER_PUBLIC_URL = env_public_url("NEARER_PUBLIC_URL")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "nearer.web.accounts",
    "nearer.web.couples",
    "nearer.web.daily",
    "nearer.web.assessments",
    "nearer.web.plans",
    "nearer.web.insights",
    "nearer.web.api",
    "nearer.web.vault",
    "nearer.web.audit",
    "nearer.web.security",
    "nearer.web.chats",
    "nearer.web.safety",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "nearer.web.security.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "nearer.web.form_text.FormTextIsUtf8",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "nearer.web.security.middleware.SessionLimitsMiddleware",
    "nearer.web.vault.middleware.VaultMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "nearer.web.accounts.middleware.UserTimezoneMiddleware",
    "nearer.web.safety.middleware.NoStoreWhenSignedIn",
    "nearer.web.failures.StorageFailureMiddleware",
    "nearer.web.errorpages.MethodNotAllowedPage",
    "nearer.web.unsent.WhatWasTypedShownBack",
    "nearer.web.htmx_redirects.HtmxRedirectsNavigate",
    "nearer.web.accounts.sign_in_return.SignInReturnsToThePage",
]

ROOT_URLCONF = "nearer.web.urls"
WSGI_APPLICATION = "nearer.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nearer.web.couples.context.couple",
                "nearer.web.navigation.section",
                "nearer.web.accounts.drafts.owner",
            ],
        },
    },
]

DATABASES = {"default": database(env_str("DATABASE_URL", ""), DATA_DIR)}
# The server's key for shared content: beside the data folder, never in it (docs/configuration.md).
VAULT_KEY_FILE = env_path(
    "NEARER_KEY_FILE", str(DATA_DIR.parent / f"{DATA_DIR.name}-keys" / "server-keys.json")
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# A sign-in ends NEARER_SESSION_DAYS after it began however busy it is (the absolute limit), or
# after NEARER_SESSION_IDLE_MINUTES without a request (the idle limit): nearer.web.security.
# Every integer setting has an upper bound (docs/configuration.md), here ten years and one year:
# a value far beyond it (a date 3,000 years away) would start fine and fail every sign-in.
SESSION_COOKIE_AGE = env_int("NEARER_SESSION_DAYS", 14, minimum=1, maximum=3650) * 24 * 3600
NEARER_SESSION_IDLE_MINUTES = env_int(
    "NEARER_SESSION_IDLE_MINUTES", 3 * 24 * 60, minimum=1, maximum=365 * 24 * 60
)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# NEARER_HTTPS: served over HTTPS, so cookies are sent only over it, plain HTTP is redirected and
# browsers are told (HSTS) to use nothing else for NEARER_HSTS_SECONDS.
HTTPS = env_bool("NEARER_HTTPS", False)
SESSION_COOKIE_SECURE = env_bool("NEARER_SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = HTTPS
# At most two years, which is what hstspreload.org recommends; 0 (no HSTS) without HTTPS. Read
# with HTTPS off too, so a bad value is refused when it is set, not on the day HTTPS is turned on.
SECURE_HSTS_SECONDS = HTTPS * env_int(
    "NEARER_HSTS_SECONDS", 365 * 24 * 3600, maximum=2 * 365 * 24 * 3600
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True  # only a directive: nothing is submitted to any preload list
# Behind a reverse proxy that sets X-Forwarded-Proto and appends to X-Forwarded-For: trust them
# for "is this HTTPS?" and for the address the login throttle counts.
NEARER_BEHIND_PROXY = env_bool("NEARER_BEHIND_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if NEARER_BEHIND_PROXY else None
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "nearer.web.errorpages.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# The largest honest body is a check-in: 6,000 characters of text, under 80 KB even as escaped
# JSON or percent-encoded UTF-8. Anything over 256 KiB is refused with a 413 before it is read.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
# A chat export for the import page (docs/chat/import.md) is a file upload, outside that limit:
# it streams into a private folder, is read, and is deleted before the response leaves.
CHAT_UPLOAD_MAX_BYTES = (
    env_int("NEARER_CHAT_MAX_UPLOAD_MB", 100, minimum=1, maximum=10 * 1024) * 1024 * 1024
)
CHAT_UPLOAD_DIR = DATA_DIR / "chat-uploads"
# The private safety check is offered again this many weeks after it was last taken.
SAFETY_RESCREEN_WEEKS = env_int("NEARER_SAFETY_RESCREEN_WEEKS", 6, minimum=1, maximum=520)
# How long a line of a person's own activity log is kept (web/audit/events.py).
ACTIVITY_DAYS = env_int("NEARER_ACTIVITY_DAYS", 365, minimum=1, maximum=3650)

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True  # serve from the installed packages; no collectstatic step

EMAIL_BACKEND = mail_server.backend()  # SMTP where NEARER_EMAIL_HOST is set, else the console
# Lower case, so not a setting: Django's debug page masks EMAIL_HOST_PASSWORD by its name, and
# would show a setting holding the whole mail server.
_mail = mail_server.from_environment()  # for the SMTP backend (docs/configuration.md)
EMAIL_HOST, EMAIL_PORT = _mail.host, _mail.port
EMAIL_HOST_USER, EMAIL_HOST_PASSWORD = _mail.user, _mail.password
EMAIL_USE_TLS, EMAIL_USE_SSL = _mail.tls, _mail.ssl
del _mail
EMAIL_TIMEOUT = 30  # seconds: a stalled mail server must not hold the sending thread for ever
DEFAULT_FROM_EMAIL = env_str("NEARER_FROM_EMAIL", "nearer <nearer@localhost>")
# Reset and sign-up emails leave from a thread of their own, so the form's answer takes as long
# whether or not the email has an account (accounts/outbox.py); the tests send them at once.
ACCOUNT_EMAILS_IN_BACKGROUND = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "filters": {"without_traceback": {"()": "nearer.web.logs.WithoutTraceback"}},
    "root": {"handlers": ["console"], "level": env_log_level("NEARER_LOG_LEVEL", "WARNING")},
    # Never below INFO, whatever NEARER_LOG_LEVEL says: at DEBUG, django.template logs a missing
    # variable with the whole page context (paths with reset tokens, invitation codes, the CSRF
    # token) and django.db.backends logs SQL with its parameters (tests/web/test_logs.py).
    "loggers": {
        "django.template": {"level": "INFO"},
        "django.db.backends": {"level": "INFO"},
        # A request for a host outside NEARER_ALLOWED_HOSTS: one line, no traceback (web/logs.py).
        "django.security.DisallowedHost": {"filters": ["without_traceback"]},
    },
}
