from django.apps import AppConfig


class CommunitiesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "communities"
    verbose_name = "Communities and case studies"

    def ready(self):
        # Signal receivers connect when their module is imported, once the models are loaded.
        from communities.forum import receivers  # noqa: F401
        from communities.library import signals  # noqa: F401
