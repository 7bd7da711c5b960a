"""The model kept in files and passed between processes as pickles, with the cyclic garbage
collector paused: its full passes over a large site's objects (a million at 4,000 members, none
of them garbage) were two thirds of reading a pickle back and a third of writing one."""
from __future__ import annotations

import contextlib
import gc
import pickle
from typing import Any


@contextlib.contextmanager
def collector_paused():
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def dumps(value: Any) -> bytes:
    with collector_paused():
        return pickle.dumps(value, pickle.HIGHEST_PROTOCOL)


def loads(data: bytes) -> Any:
    with collector_paused():
        return pickle.loads(data)
