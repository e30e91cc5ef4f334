"""Documents uploaded before they were kept apart (connected_places/storage.py) move out of
MEDIA_ROOT, which may be served to anyone, into PRIVATE_MEDIA_ROOT, which only Wagtail's
document view reads."""

import shutil
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import migrations


def _move_documents(apps, *, to_private: bool):
    Document = apps.get_model("wagtaildocs", "Document")
    public_root = Path(settings.MEDIA_ROOT).resolve()
    for name in Document.objects.values_list("file", flat=True).iterator():
        try:
            private = Path(default_storage.path(name)).resolve()
        except NotImplementedError:
            return  # not a file-system storage: nothing of ours to move
        public = public_root / name
        source, target = (public, private) if to_private else (private, public)
        if source == target or not source.is_file() or target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(source, target)


def move_documents_out_of_public_media(apps, schema_editor):
    _move_documents(apps, to_private=True)


def move_documents_back(apps, schema_editor):
    _move_documents(apps, to_private=False)


class Migration(migrations.Migration):
    dependencies = [
        ("communities", "0005_case_study_workflow"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.RunPython(move_documents_out_of_public_media, move_documents_back),
    ]
