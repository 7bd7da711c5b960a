"""Compiled Jinja templates kept for the life of the process (`COMPILED`, the environment's
bytecode cache): Jinja checks each template's source against what was compiled, so a template
edited during a preview is compiled again."""
from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class InMemory(BytecodeCache):
    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED = InMemory()
