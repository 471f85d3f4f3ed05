"""conditionality: check aid allocations against human-rights conditions written as YAML rules."""

from __future__ import annotations

__version__ = "0.1.0"


def check(*args, **kwargs):  # type: ignore[no-untyped-def]
    """Check allocations against the rules; see `conditionality.api.check`."""
    from conditionality.api import check as _check

    return _check(*args, **kwargs)


__all__ = ["__version__", "check"]
