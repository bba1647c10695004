"""Type stubs of the native module (the pyo3 glue; private)."""

from typing import Awaitable, Optional, final


__all__ = ["Pager", "Platform", "Scope", "operations", "shutdown"]

@final
class Platform:
    def __new__(
        cls,
        host: str,
        environment_id: str,
        api_key: str,
        timeout: float,
        max_retries: int,
        user_agent: Optional[str] = None,
    ) -> Platform: ...
    def scope(self, user_id: Optional[str] = None) -> Scope: ...

@final
class Scope:
    def call(self, operation: str, input: str) -> str: ...
    def call_async(self, operation: str, input: str) -> Awaitable[str]: ...
    def pager(self, input: str) -> Pager: ...

@final
class Pager:
    def next_page(self) -> str: ...
    def next_page_async(self) -> Awaitable[str]: ...

def shutdown(timeout: float) -> int: ...
def operations() -> list[str]: ...
