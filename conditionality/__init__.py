"""conditionality: check aid allocations against human-rights conditions written as YAML rules."""

from __future__ import annotations

__version__ = "0.1.0"
