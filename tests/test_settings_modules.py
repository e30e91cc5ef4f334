"""What each settings module (dev for `make run`, test, production) does, read as a fresh
checkout runs it (tests/settings_modules.py)."""

import pytest

from tests.settings_modules import MODULES, run_under

WHERE_DOCUMENTS_GO = """
from pathlib import Path
from django.core.files.storage import default_storage
from django.urls import Resolver404, resolve


def view_at(path):
    try:
        return resolve(path).func.__name__
    except Resolver404:
        return None


name = "documents/tenant_survey.pdf"
try:
    document_url = default_storage.url(name)
except NotImplementedError:
    document_url = None
result = {
    "serve_method": settings.WAGTAILDOCS_SERVE_METHOD,
    "document_in_public_media": Path(settings.MEDIA_ROOT).resolve()
    in Path(default_storage.path(name)).resolve().parents,
    "document_url": document_url,
    "image_url": default_storage.url("original_images/photo.jpg"),
    "media_view_for_document": view_at("/media/" + name),
    "media_view_for_image": view_at("/media/original_images/photo.jpg"),
}
"""


@pytest.mark.parametrize("module", MODULES)
def test_documents_are_never_in_public_media_in_any_settings_module(module):
    found = run_under(module, WHERE_DOCUMENTS_GO)

    # Streamed by Wagtail's view after its privacy checks, never a redirect to the storage.
    assert found["serve_method"] == "serve_view"
    # Not where /media/ is served from, by anything; no address of its own.
    assert found["document_in_public_media"] is False
    assert found["document_url"] is None
    assert found["media_view_for_document"] != "public_media"
    # Images stay public media.
    assert found["image_url"] == "/media/original_images/photo.jpg"
    if module == "production":
        # A proxy or object storage serves /media/ (images only) in production.
        assert found["media_view_for_image"] != "public_media"
    else:
        assert found["media_view_for_image"] == "public_media"
