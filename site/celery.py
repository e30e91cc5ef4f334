import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "connected_places.settings.dev")

app = Celery("connected_places")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
