"""The layout's rules (DESIGN.md, Layout), read from the imports of every module in services/.

The layers only hold while nothing crosses them, so a test reads each module's imports (at any
depth, including imports inside functions) and names each that crosses a line.
"""

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

SERVICES = Path(__file__).resolve().parents[2] / "services"
# Pure libraries the rules use beside the standard library: data validation, and the field's
# standard for phone numbers (pure functions over Google's metadata, no IO).
# holidays: a pure data library (public holiday dates per country), no IO; calendars.py reads it.
DOMAIN_MAY_IMPORT = {"pydantic", "pydantic_core", "annotated_types", "phonenumbers", "holidays"}
MAX_LINES = 400


def _module(path: Path, root: Path = SERVICES) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, root: Path = SERVICES) -> Iterator[str]:
    module = _module(path, root)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                yield ".".join([*base, node.module] if node.module else base)
            else:
                assert node.module is not None
                yield node.module


def _crossings(folder: str, refused: tuple[str, ...], root: Path = SERVICES) -> list[str]:
    return [
        f"{_module(path, root)} imports {name}"
        for path in sorted((root / folder).rglob("*.py"))
        for name in _imports(path, root)
        if any(name == r or name.startswith(r + ".") for r in refused)
    ]


def test_core_imports_neither_the_api_nor_the_workers() -> None:
    assert _crossings("core", ("services.api", "services.workers")) == []


def test_the_api_and_the_workers_do_not_import_each_other() -> None:
    assert _crossings("api", ("services.workers",)) == []
    assert _crossings("workers", ("services.api",)) == []


def test_the_domain_imports_only_the_standard_library_pydantic_and_itself() -> None:
    found = [
        f"{_module(path)} imports {name}"
        for path in sorted((SERVICES / "core" / "domain").rglob("*.py"))
        for name in _imports(path)
        if not name.startswith("services.core.domain")
        and name.partition(".")[0] not in sys.stdlib_module_names | DOMAIN_MAY_IMPORT
    ]
    assert found == []


def test_routers_hold_no_sql() -> None:
    assert _crossings("api/routers", ("sqlalchemy", "asyncpg")) == []
    # The console's pages are views of the same core: no queries of their own either.
    assert _crossings("api/console", ("sqlalchemy", "asyncpg")) == []


def test_no_flat_modules_in_core() -> None:
    flat = [p.name for p in (SERVICES / "core").glob("*.py") if p.name != "__init__.py"]
    assert flat == [], "plumbing belongs in core/kit/, use cases in their feature's package"


def test_modules_stay_small() -> None:
    large = {
        _module(p): n
        for p in SERVICES.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert large == {}, "a module past 400 lines holds two ideas: split it along them"


def test_the_checks_see_a_crossing(tmp_path: Path) -> None:
    # The rules above pass by finding nothing; this shows the reader finds what it must: an
    # absolute import, and a relative one inside a function.
    root = tmp_path / "services"
    (root / "core" / "cases").mkdir(parents=True)
    (root / "core" / "cases" / "bad.py").write_text(
        "import os\nfrom services.api import deps\n\ndef late():\n    from ...workers import clocks\n"
    )
    assert _crossings("core", ("services.api", "services.workers"), root) == [
        "services.core.cases.bad imports services.api",
        "services.core.cases.bad imports services.workers",
    ]
