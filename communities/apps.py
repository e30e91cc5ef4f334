from django.apps import AppConfig


class CommunitiesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "communities"
    verbose_name = "Communities and case studies"

    def ready(self):
        from . import case_study_signals  # noqa: F401
