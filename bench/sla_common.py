"""What the SLA timer benchmarks share: the targets, the clocks placed due soon, a figure's line."""

from __future__ import annotations

import statistics

from .run import percentile

QUERY_TARGET_MS = 50
DUE_SOON_SPAN = 600  # seconds over which the every-300th clocks fall due


def due_soon(span: float) -> None:
    from django.utils import timezone

    from . import sla_rows

    placed = sla_rows.place_due_soon(timezone.now(), span)
    print(f"{placed:,} clocks due within the next {span / 60:.0f} min")


def ms_line(name: str, samples: list[float], target: float) -> str:
    p95 = percentile(samples, 95)
    verdict = "met" if p95 <= target else "MISSED"
    median, top = statistics.median(samples), max(samples)
    return (f"{name}: median {median:.2f} ms, p95 {p95:.2f} ms, max {top:.2f} ms "
            f"over {len(samples)} calls (target <= {target} ms: {verdict})")  # fmt: skip
