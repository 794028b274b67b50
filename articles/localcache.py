"""One place for every per-process cache to register, so tests reset them all.

Some modules keep, in each process, a copy of what the shared cache holds (pages,
slot offers, fragments) or a note about it (the last flush window). A test that
clears the shared cache must start those afresh too, or one test's state leaks
into the next. Each such module registers its state here when it is imported:

    _pages: dict[str, dict] = local_cache({})      # a dict: cleared

    @on_reset
    def _forget_window() -> None:                   # anything else: a function
        global _last_window
        _last_window = None

and ``reset_local_caches()`` resets them all. It lives in ``articles``, the app
every other package may import.
"""

from collections.abc import Callable
from typing import TypeVar

Store = TypeVar("Store", bound=dict)

_resets: list[Callable[[], None]] = []


def local_cache(store: Store) -> Store:
    """Register ``store``, a module-level dict, to be cleared by
    ``reset_local_caches``; returns it."""
    _resets.append(store.clear)
    return store


def on_reset(reset: Callable[[], None]) -> Callable[[], None]:
    """Register ``reset`` (a decorator) to be called by ``reset_local_caches``."""
    _resets.append(reset)
    return reset


def reset_local_caches() -> None:
    """Start every registered per-process cache afresh.

    ``tests/conftest.py`` calls it before each test, with ``cache.clear()``. A new
    module-level cache that mirrors the shared cache registers with
    ``local_cache`` (or ``on_reset``) where it is defined, and is reset with the
    others: nobody has to remember to add it to the tests' setup.
    """
    for reset in _resets:
        reset()
