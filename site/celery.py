import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "connected_places.settings.dev")

app = Celery("connected_places")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# communities keeps its tasks in its rooms, one tasks module each.
app.autodiscover_tasks(["communities.membership", "communities.forum", "communities.library"])
