"""The architecture diagram (docs/architecture.dot, shown in the README) is the code's: every
import from one app or room to another has its arrow, every arrow is an import that exists,
and nothing imports upwards against the layers."""

import ast
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = {"core", "members", "communities", "events", "digests", "home", "site"}
ROOMS = ("communities.membership", "communities.forum", "communities.library")
# Bottom to top: an app may import only the apps below it.
LAYERS = ["core", "members", "communities", "events", "digests", "home", "connected_places"]


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[0] == "site":
        parts[0] = "connected_places"
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _box(module: str) -> str | None:
    for room in ROOMS:
        if module == room or module.startswith(room + "."):
            return room
    top = module.split(".")[0]
    return top if top in LAYERS else None


def _imported(source: str, module: str, *, is_package: bool = False):
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = module.split(".")
                if not is_package:
                    package = package[:-1]
                package = package[: len(package) - node.level + 1]
                yield ".".join([*package, *([node.module] if node.module else [])])
            else:
                yield node.module


def imports_between_boxes() -> dict[tuple[str, str], list[str]]:
    found = defaultdict(list)
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            module = _module(path)
            source = _box(module)
            imported = _imported(path.read_text(), module, is_package=path.name == "__init__.py")
            for target in filter(None, map(_box, imported)):
                if target != source:
                    found[(source, target)].append(module)
    return found


def drawn_arrows() -> set[tuple[str, str]]:
    text = (ROOT / "docs" / "architecture.dot").read_text()
    return set(re.findall(r'^\s*"([\w.]+)"\s*->\s*"([\w.]+)"', text, re.MULTILINE))


def test_the_diagram_draws_every_import_between_apps_and_rooms_and_no_other():
    imports = imports_between_boxes()
    drawn = drawn_arrows()

    missing = {edge: imports[edge] for edge in set(imports) - drawn}
    assert not missing, f"imports the diagram does not draw (importer, imported): {missing}"
    assert not drawn - set(imports), (
        f"arrows for imports that no longer exist: {drawn - set(imports)}"
    )


def test_no_app_imports_an_app_above_it():
    def layer(box: str) -> int:
        return LAYERS.index(box.split(".")[0])

    upwards = {
        edge: modules
        for edge, modules in imports_between_boxes().items()
        if layer(edge[0]) < layer(edge[1])
    }
    assert not upwards, f"imports against the layers: {upwards}"


def test_the_check_reads_relative_and_absolute_imports_into_their_boxes():
    # What the first two tests rely on: a members module importing events is seen as such.
    source = "from events.models import EventPage\nfrom .models import User\nimport core.tasks\n"
    boxes = {_box(name) for name in _imported(source, "members.probe")}

    assert boxes == {"events", "members", "core"}
    assert ("members", "events") not in drawn_arrows()
    assert LAYERS.index("members") < LAYERS.index("events")
