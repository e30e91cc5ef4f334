from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Home and standard pages"

    def ready(self):
        from .page_cache import connect_invalidation

        connect_invalidation()
