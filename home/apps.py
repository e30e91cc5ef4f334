from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Home and standard pages"

    def ready(self):
        from . import context_processors, page_cache

        page_cache.connect_invalidation()
        context_processors.connect_invalidation()
