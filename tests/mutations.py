"""Hypothesis strategies: the fixture bodies of tests/fixtures/platform_events with fields dropped, retyped or
nested oddly, and Messenger POSTs that carry well-formed messages among such items."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st

from tests import payloads as p
from tests.platform_events import body_of, fixture_names

Path = tuple[str | int, ...]
ZALO_FIXTURES = fixture_names("zalo")
MESSENGER_FIXTURES = fixture_names("messenger")

# Values a field may turn into: every JSON type, numbers as text, huge and non-finite numbers, ids past 2^53,
# long text, and the words the parsers look for.
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=2**53, max_value=2**80),
    st.floats(),
    st.text(max_size=12),
    st.sampled_from(["", "0", "-1", "1e3", "page", "standby", "user_send_text", "GET_STARTED", "x" * 2500]),
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
OPERATIONS = ("drop", "retype", "nest", "deep", "as_text", "add")


def paths(node: Any, prefix: Path = ()) -> list[Path]:
    """The path of every value inside `node` (the root is the empty path)."""
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += paths(value, (*prefix, i))
    return found


def _get(node: Any, path: Path) -> Any:
    for step in path:
        node = node[step]
    return node


@st.composite
def mutated(draw: st.DrawFn, body: Any, *, root: bool = True, additions_only: bool = False, most: int = 4) -> Any:
    """`body` after 1 to `most` changes: a field dropped, retyped, wrapped in a list or an object, nested 2-60
    levels deep, a number or object turned into its text, a junk field added. `root`: the whole body may go."""
    body = copy.deepcopy(body)
    for _ in range(draw(st.integers(1, most))):
        candidates = [path for path in paths(body) if root or path]
        if additions_only:
            candidates = [path for path in candidates if isinstance(_get(body, path), dict)]
        if not candidates:
            break
        path = draw(st.sampled_from(candidates))
        operation = "add" if additions_only else draw(st.sampled_from(OPERATIONS))
        value = _get(body, path)
        if operation == "add":
            if not isinstance(value, dict):
                continue
            key = draw(st.text(max_size=8))
            if additions_only and key in value:
                continue
            value[key] = draw(JSON)
            continue
        if operation == "drop":
            if not path:
                continue
            del _get(body, path[:-1])[path[-1]]
            continue
        if operation == "retype":
            new: Any = draw(JSON)
        elif operation == "nest":
            new = draw(st.sampled_from(["list", "object"]))
            new = [value] if new == "list" else {"value": value}
        elif operation == "deep":
            new = value
            for _ in range(draw(st.integers(2, 60))):
                new = [new]
        else:
            new = str(value)
        if path:
            _get(body, path[:-1])[path[-1]] = new
        else:
            body = new
    return body


def good_item(n: int) -> dict[str, Any]:
    """A well-formed Messenger text message of user n."""
    return {
        "sender": {"id": f"77{n:014d}"},
        "recipient": {"id": p.FB_PAGE_ID},
        "timestamp": p.now_ms(),
        "message": {"mid": f"m_good_{n}", "text": f"tra cứu hồ sơ số {n}"},
    }


@st.composite
def page_post_with_good_items(draw: st.DrawFn) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A Messenger POST whose entries are mutated fixture entries with 1-3 well-formed messages among them (in
    entries of their own, or in the messaging list of a mutated entry); returns the body and the good items."""
    entries: list[Any] = []
    for name in draw(st.lists(st.sampled_from(MESSENGER_FIXTURES), min_size=1, max_size=3)):
        entries += [draw(mutated(entry)) for entry in body_of(name)["entry"]]
    goods = [good_item(n) for n in range(draw(st.integers(1, 3)))]
    for item in goods:
        host = draw(st.integers(0, len(entries)))
        messaging = entries[host].get("messaging") if host < len(entries) and isinstance(entries[host], dict) else None
        if isinstance(messaging, list):
            messaging.insert(draw(st.integers(0, len(messaging))), item)
        else:
            entries.insert(draw(st.integers(0, len(entries))), {"id": p.FB_PAGE_ID, "time": 1, "messaging": [item]})
    return {"object": "page", "entry": entries}, goods


def any_fixture_body(platform: str) -> st.SearchStrategy[Any]:
    """A fixture body of the platform, mutated anywhere (the whole body may be replaced)."""
    names = ZALO_FIXTURES if platform == "zalo" else MESSENGER_FIXTURES
    return st.sampled_from(names).flatmap(lambda name: mutated(body_of(name)))
