"""Settings shared by every runtime shape; see dev, test and production for the differences."""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])

INSTALLED_APPS = [
    "home",
    "communities",
    "events",
    "digests",
    "members",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "home.content_security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "home.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# Content-Security-Policy (django-csp) on every response: the browser runs only our own scripts
# and loads nothing from another origin, so injected markup can neither run a script nor load
# anything from elsewhere. The one inline script, templates/base.html's GOV.UK Frontend
# "supported" test, is allowed by its hash (GOV.UK Frontend publishes the same one): change
# both together. The Wagtail admin needs a little more: WAGTAILADMIN_CONTENT_SECURITY_POLICY.
GOVUK_FRONTEND_SUPPORTED_SCRIPT_HASH = "'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, GOVUK_FRONTEND_SUPPORTED_SCRIPT_HASH],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# What the Wagtail admin's pages (site/urls.py) have instead, and no more: Wagtail 8 starts its
# date pickers, choosers and inline panels with inline scripts it writes itself (Wagtail issue
# 12940), and its rich-text editor adds <style> elements. Inline event handlers stay refused,
# and the page editor's preview panel frames the admin's own preview pages.
WAGTAILADMIN_CONTENT_SECURITY_POLICY = {
    "script-src": [SELF, UNSAFE_INLINE],
    "script-src-attr": [NONE],
    "style-src": [SELF, UNSAFE_INLINE],
    "frame-ancestors": [SELF],
}

ROOT_URLCONF = "connected_places.urls"
WSGI_APPLICATION = "connected_places.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_sections",
                "members.context_processors.member_status",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: the email address is the login, and it must be verified.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Connected Places] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("DJANGO_HTTP_PROTOCOL", default="http")
# Every form allauth shows, with labels and hints in our words (members/account_forms.py).
ACCOUNT_FORMS = {
    "login": "members.account_forms.AccountLoginForm",
    "signup": "members.account_forms.AccountSignupForm",
    "add_email": "members.account_forms.ChangeEmailForm",
    "change_password": "members.account_forms.AccountChangePasswordForm",
    "set_password": "members.account_forms.AccountSetPasswordForm",
    "reset_password": "members.account_forms.AccountResetPasswordForm",
    "reset_password_from_key": "members.account_forms.AccountResetPasswordKeyForm",
    "request_login_code": "members.account_forms.AccountRequestLoginCodeForm",
    "confirm_login_code": "members.account_forms.AccountConfirmLoginCodeForm",
    "reauthenticate": "members.account_forms.AccountReauthenticateForm",
}
ACCOUNT_ADAPTER = "members.adapter.MemberAccountAdapter"
# A password reset or sign-in code asked for an address with no account sends nothing, so the
# answer (page and inbox alike) never tells anyone whether an address has an account.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# Tell members by email when their password, email address or two-factor settings change.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Changing the email address needs a password (or 2FA code) entered in the last 5 minutes, as
# two-factor changes always do: a session left open is not enough to take over an account.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3  # the pages and emails say "3 days"
# One address per account; changing it is verified before it replaces the old one.
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_MAX_EMAIL_ADDRESSES = 2
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 10 * 60
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_SESSION_REMEMBER = None
# allauth counts attempts in the default cache (Redis in production): per client address,
# per account ("key") or per signed-in member ("user"), over a sliding window. A refused
# attempt answers 429 with our too-many-requests page (a refused post or case study: 429 with
# the form and the member's text).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "10/m/ip,40/h/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "10/m/ip,5/h/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "request_login_code": "10/m/ip,3/5m/key",
    "reauthenticate": "10/m/user",
    # What members do on the site, counted per member (core/rate_limits.py): posts
    # (moderators' are not counted) and case-study submissions, so many per so many seconds.
    "community_post": "{}/{}s/user".format(
        env.int("COMMUNITY_POSTS_PER_WINDOW", default=8),
        env.int("COMMUNITY_POST_WINDOW_SECONDS", default=5 * 60),
    ),
    "case_study_submission": "{}/{}s/user".format(
        env.int("COMMUNITY_CASE_STUDY_SUBMISSIONS_PER_WINDOW", default=3),
        env.int("COMMUNITY_CASE_STUDY_SUBMISSION_WINDOW_SECONDS", default=24 * 60 * 60),
    ),
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Connected Places"
MFA_ADAPTER = "members.adapter.MemberMFAAdapter"
MFA_FORMS = {
    "authenticate": "members.account_forms.TwoFactorAuthenticateForm",
    "reauthenticate": "members.account_forms.TwoFactorReauthenticateForm",
    "activate_totp": "members.account_forms.ActivateTOTPForm",
}
# allauth refuses to add an address to an account with two-factor authentication unless this
# is set, to stop someone signing up with another person's address and locking them out with
# 2FA. Verification is mandatory here, so nobody reaches an account before its address is
# verified; without this, a member with 2FA could never change their email address.
MFA_ALLOW_UNVERIFIED_EMAIL = True

# The components a member can list as interests are the live community pages.
MEMBER_INTEREST_CHOICES = "communities.membership.selectors.interest_choices"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# The compiled GOV.UK Frontend bundle and its images (npm run build) land here.
STATICFILES_DIRS = [BASE_DIR / "assets" / "build"]
# Outside production, WhiteNoise serves static files straight from their source folders: no
# collectstatic. Production collects, compresses and fingerprints them (production.py).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Uploads (site/storage.py): images and their renditions are public, under MEDIA_ROOT at
# MEDIA_URL; documents are kept under PRIVATE_MEDIA_ROOT, which has no URL, and are only ever
# served by Wagtail's document view, after it has checked who may see them.
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "media"))
PRIVATE_MEDIA_ROOT = env.path("DJANGO_PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private-media"))
# Whether Django itself serves MEDIA_URL (images only: see connected_places/urls.py). On in the
# embedded default; in production a proxy or object storage serves it.
SERVE_MEDIA = env.bool("DJANGO_SERVE_MEDIA", default=False)
STORAGES = {
    "default": {"BACKEND": "connected_places.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
# How long anonymous visitors' pages are kept in the cache (home/page_cache.py); any change
# to content makes them stale sooner. Off (0) unless set: on in production, where the cache
# is shared by every web process.
ANONYMOUS_PAGE_CACHE_SECONDS = env.int("ANONYMOUS_PAGE_CACHE_SECONDS", default=0)
# How long a change may wait before anonymous visitors' cached pages show it: changes are
# gathered and published together (0: the next anonymous visitor sees each change).
ANONYMOUS_PAGE_CACHE_MAX_STALE_SECONDS = env.int(
    "ANONYMOUS_PAGE_CACHE_MAX_STALE_SECONDS", default=0
)

# "Open data" and "open data" are one theme, so that tags relate case studies and threads.
TAGGIT_CASE_INSENSITIVE = True

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = VAR_DIR / "outbox"
DEFAULT_FROM_EMAIL = env(
    "DJANGO_DEFAULT_FROM_EMAIL", default="Connected Places <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# seed_demo refuses to create demo accounts with the published default password when set.
DEMO_PASSWORD_REQUIRED = False

WAGTAIL_SITE_NAME = "Connected Places"
# The admin calls no third party: no avatars from Gravatar (which would be sent a hash of each
# editor's email address) and no check for new Wagtail releases from the browser.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://localhost:8000")
# Site search. By default the database backend: PostgreSQL full-text search on PostgreSQL,
# SQLite's FTS5 on SQLite. Setting WAGTAILSEARCH_URLS moves it to an OpenSearch or
# Elasticsearch cluster (WAGTAILSEARCH_BACKEND names Wagtail's module for its version); then
# run `manage.py update_index` once to fill the new index.
WAGTAILSEARCH_URLS = env.list("WAGTAILSEARCH_URLS", default=[])
if WAGTAILSEARCH_URLS:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": env("WAGTAILSEARCH_BACKEND", default="wagtail.search.backends.opensearch2"),
            "URLS": WAGTAILSEARCH_URLS,
            "INDEX": env("WAGTAILSEARCH_INDEX", default="connected_places"),
            "TIMEOUT": env.int("WAGTAILSEARCH_TIMEOUT", default=5),
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": env("WAGTAILSEARCH_BACKEND", default="wagtail.search.backends.database"),
            # PostgreSQL's text search configuration: English stemming and stop words.
            # Ignored by SQLite. Changing it needs `manage.py update_index`.
            "SEARCH_CONFIG": env("WAGTAILSEARCH_CONFIG", default="english"),
        }
    }
# Documents are streamed by Wagtail's view after its privacy checks; never a redirect to, or a
# link straight at, the file in storage (which would skip the checks).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "pptx", "odp", "csv", "txt"]
WAGTAIL_I18N_ENABLED = False

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="filesystem://")
CELERY_BROKER_TRANSPORT_OPTIONS = {}
if CELERY_BROKER_URL == "filesystem://":
    # A broker that needs no server: messages are files under var/broker.
    _broker_dir = VAR_DIR / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "store_processed": False,
    }
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Every periodic task the platform runs is declared here, in one place.
CELERY_BEAT_SCHEDULE = {
    "clear-expired-sessions": {
        "task": "members.tasks.clear_expired_sessions",
        "schedule": 60 * 60 * 24,
    },
    "delete-unconfirmed-accounts": {
        "task": "members.tasks.delete_unconfirmed_accounts",
        "schedule": 60 * 60 * 24,
    },
    "send-event-reminders": {
        "task": "events.tasks.send_due_reminders",
        "schedule": 60 * 5,
    },
    "erase-expired-event-answers": {
        "task": "events.tasks.erase_expired_answers",
        "schedule": 60 * 60 * 24,
    },
    # Batched reply emails whose window has passed (communities/services/emails.py).
    "send-reply-emails": {
        "task": "communities.forum.tasks.send_reply_emails",
        "schedule": 60 * 5,
    },
    # This week's digest run (members whose digest day has come) and today's daily run.
    "start-digest-runs": {
        "task": "digests.tasks.start_scheduled_digest_runs",
        "schedule": crontab(minute=0, hour=7),
    },
    # Requeues digest chunks and claims left behind by crashed workers (README "Digests").
    "reconcile-digest-deliveries": {
        "task": "digests.tasks.reconcile_digest_deliveries",
        "schedule": 5 * 60,
    },
}

# Digests (digests/, README "Digests"). A claim or chunk older than DIGEST_CLAIM_TIMEOUT is
# picked up again by the reconciler: longer than a chunk takes to send, and shorter than the
# broker's visibility timeout (production.py), so the reconciler, not a redelivery, does it.
DIGEST_CHUNK_SIZE = env.int("DIGEST_CHUNK_SIZE", default=100)
DIGEST_CLAIM_TIMEOUT = timedelta(seconds=env.int("DIGEST_CLAIM_TIMEOUT_SECONDS", default=15 * 60))
DIGEST_MAX_ATTEMPTS = 3
DIGEST_MAX_LOOKBACK_DAYS = 28
# Digests may go out through another backend than transactional email, e.g. a provider's bulk
# ("broadcast") stream through django-anymail. None means EMAIL_BACKEND.
DIGEST_EMAIL_BACKEND = env("DIGEST_EMAIL_BACKEND", default=None)
# How the reconciler asks the mail system whether it accepted a digest whose worker died while
# sending it (digests/acceptance.py); None: it can't, and such a digest is never resent.
DIGEST_ACCEPTANCE_CHECK = env("DIGEST_ACCEPTANCE_CHECK", default=None)

# Community discussions. How often a member may post is in ACCOUNT_RATE_LIMITS.
# Hold the first post of accounts younger than COMMUNITY_NEW_ACCOUNT_DAYS for a facilitator.
COMMUNITY_HOLD_FIRST_POSTS = env.bool("COMMUNITY_HOLD_FIRST_POSTS", default=False)
COMMUNITY_NEW_ACCOUNT_DAYS = env.int("COMMUNITY_NEW_ACCOUNT_DAYS", default=7)
COMMUNITY_INVITATION_DAYS = 14
# A watcher gets at most one reply email per window; later replies wait and come together.
COMMUNITY_REPLY_EMAIL_WINDOW_MINUTES = env.int("COMMUNITY_REPLY_EMAIL_WINDOW_MINUTES", default=10)
COMMUNITY_THREADS_PER_PAGE = 20
COMMUNITY_POSTS_PER_PAGE = 20
# How long a post's rendered HTML stays in the cache (communities/post_fragments.py). Keys
# change with the post, so this only bounds how long unused versions take up room.
COMMUNITY_POST_FRAGMENT_SECONDS = env.int("COMMUNITY_POST_FRAGMENT_SECONDS", default=24 * 60 * 60)

# Case studies members submit (communities/case_study_submissions.py): each uploaded document
# at most this size (in bytes; the types are WAGTAILDOCS_EXTENSIONS). How many a member may
# submit is in ACCOUNT_RATE_LIMITS.
COMMUNITY_CASE_STUDY_MAX_UPLOAD_BYTES = env.int(
    "COMMUNITY_CASE_STUDY_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024
)

# Events: reminders go this many hours before the start; invitations are valid this many days;
# answers to registration questions (special-category data among them) are erased this many
# days after the event.
EVENTS_REMINDER_HOURS_BEFORE = env.int("EVENTS_REMINDER_HOURS_BEFORE", default=24)
EVENTS_INVITATION_VALID_DAYS = env.int("EVENTS_INVITATION_VALID_DAYS", default=14)
EVENTS_ANSWERS_RETENTION_DAYS = env.int("EVENTS_ANSWERS_RETENTION_DAYS", default=30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    # Page edits are audited in Wagtail's own log; per-task chatter from its background
    # tasks would drown everything else out.
    "loggers": {
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}
