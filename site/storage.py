"""Where uploaded files are kept: images in public media, documents where nothing serves them.

Images and their renditions are public: they live under MEDIA_ROOT, at MEDIA_URL, which the
development server, a proxy or object storage may serve to anyone. Documents may not be: a
member's case-study documents are for editors only until the case study is published, and any
collection can be made private in the admin. So every Wagtail document lives under
PRIVATE_MEDIA_ROOT, which has no URL at all; the only way to one is Wagtail's document view
(/documents/<id>/<file name>), which checks the collection's privacy first and then streams the
file itself (WAGTAILDOCS_SERVE_METHOD = "serve_view"), never redirecting to where it is stored.
"""

import posixpath

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property

# The folders whose files only a view that checks who is asking may read: Wagtail documents'.
PRIVATE_FOLDERS = frozenset({"documents"})


def is_private(name: str) -> bool:
    first = posixpath.normpath(str(name).replace("\\", "/")).lstrip("/").split("/", 1)[0]
    return first in PRIVATE_FOLDERS


# Deconstructible: Wagtail hands a deleted document's storage to a background task that way.
@deconstructible(path="connected_places.storage.PrivateFileSystemStorage")
class PrivateFileSystemStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, which have no URL."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        # Wagtail's document view treats this as "no direct address" and serves the file
        # itself, after its privacy checks.
        raise NotImplementedError("Private files have no address of their own.")


@deconstructible(path="connected_places.storage.MediaStorage")
class MediaStorage(Storage):
    """The default storage: documents in PrivateFileSystemStorage, everything else (images,
    renditions) in a FileSystemStorage under MEDIA_ROOT, at MEDIA_URL."""

    def __init__(self):
        self.public = FileSystemStorage()
        self.private = PrivateFileSystemStorage()

    def _for(self, name) -> Storage:
        return self.private if is_private(name) else self.public

    def _open(self, name, mode="rb"):
        return self._for(name)._open(name, mode)

    def _save(self, name, content):
        return self._for(name)._save(name, content)

    def path(self, name):
        return self._for(name).path(name)

    def delete(self, name):
        return self._for(name).delete(name)

    def exists(self, name):
        return self._for(name).exists(name)

    def listdir(self, path):
        return self._for(path).listdir(path)

    def size(self, name):
        return self._for(name).size(name)

    def url(self, name):
        return self._for(name).url(name)

    def get_accessed_time(self, name):
        return self._for(name).get_accessed_time(name)

    def get_created_time(self, name):
        return self._for(name).get_created_time(name)

    def get_modified_time(self, name):
        return self._for(name).get_modified_time(name)
