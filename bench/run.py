"""Measure Serviceloop against the issue's targets on a database filled by `python -m bench.generate`.

Server-side timings run the real views in-process through Django's test client (the whole
middleware stack, templates and queries, without network); API throughput and worker memory are
measured against real gunicorn workers on the loopback interface. Results are printed as a table;
nothing here asserts: the figures go into the issue notes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from functools import partial
from http.client import HTTPConnection
from pathlib import Path

TARGETS = {
    "queue first page p95 (ms)": 50,
    "ticket page, 50 replies p95 (ms)": 60,
    "search p95 (ms)": 150,
    "API ticket creation (tickets/s, 2 workers)": 300,
    "web worker RSS (MB)": 200,
}


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "serviceloop.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    import django

    django.setup()


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    k = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


def timed(fn: Callable[[], object], samples: int, warmup: int = 3) -> list[float]:
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(samples):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def _get(client, url: str) -> None:
    response = client.get(url)
    # A full ticket number in the search box jumps straight to the ticket (302): that is an answer too.
    if response.status_code not in (200, 302):
        raise SystemExit(f"GET {url} answered {response.status_code}")
    b"".join(response) if response.streaming else response.content


def measure_pages(samples: int) -> dict[str, list[float]]:
    from django.db.models import Count
    from django.test import Client

    from serviceloop.accounts.models import User
    from serviceloop.core.roles import Role
    from serviceloop.customers.models import Organisation, ProductModel
    from serviceloop.tickets.models import Ticket

    agent = User.objects.filter(role=Role.AGENT).first()
    if agent is None or not Ticket.objects.exists():
        raise SystemExit("No data: run `python -m bench.generate` first.")
    client = Client()
    client.force_login(agent)
    rng = random.Random(7)
    org_ids = list(Organisation.objects.values_list("pk", flat=True)[:50])
    model_ids = list(ProductModel.objects.values_list("pk", flat=True))
    queue_urls = [
        "/console/?view=open",
        "/console/?view=all",
        "/console/?view=mine",
        "/console/?view=unassigned",
        "/console/?view=escalated",
        "/console/?view=pending_customer",
        "/console/?view=all&priority=1",
        "/console/?view=open&channel=phone",
        "/console/?view=all&sort=newest",
        "/console/?view=all&sort=due",
    ]
    queue_urls += [f"/console/?view=all&organisation={pk}" for pk in org_ids[:5]]
    queue_urls += [f"/console/?view=all&product_model={pk}" for pk in model_ids[:5]]
    results: dict[str, list[float]] = {"queue first page p95 (ms)": []}
    per = max(1, samples // len(queue_urls))
    for url in queue_urls:
        results["queue first page p95 (ms)"] += timed(partial(_get, client, url), per)

    busy = list(
        Ticket.objects.annotate(n=Count("messages")).filter(n__gte=50).values_list("number", flat=True)[:50]
    )
    if busy:
        results["ticket page, 50 replies p95 (ms)"] = timed(
            lambda: _get(client, f"/console/tickets/{rng.choice(busy)}/"), samples
        )
    numbers = list(Ticket.objects.order_by("?").values_list("number", flat=True)[:20])
    terms = ["spindle", "noise", "alarm", "hydraulic leak", "主轴", "异响", "报警", "精度", "overheating"]
    terms += numbers
    results["search p95 (ms)"] = timed(
        lambda: _get(client, f"/console/?view=all&q={rng.choice(terms)}"), samples
    )
    return results


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


_WRK_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer {token}"
local orgs = {{{orgs}}}
request = function()
  local body = string.format('{{"organisation_id": %d, "subject": "Bench: spindle noise 主轴异响", '
    .. '"body": "Created by the benchmark. 设备在高速运转时有异响。", "urgency": "normal"}}',
    orgs[math.random(#orgs)])
  return wrk.format(nil, nil, nil, body)
end
"""


def _load_with_wrk(
    port: int, token: str, org_ids: list[int], seconds: float, clients: int
) -> tuple[int, int, float]:
    """wrk, written in C, takes next to no CPU from the two cores the server needs."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_WRK_SCRIPT.format(token=token, orgs=", ".join(map(str, org_ids))))
    try:
        out = subprocess.run(
            ["wrk", "-t2", f"-c{clients}", f"-d{int(seconds)}s", "-s", script.name,
             f"http://127.0.0.1:{port}/api/v1/tickets"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    finally:
        os.unlink(script.name)
    total = int(re.search(r"(\d+) requests in ([\d.]+)s", out).group(1))  # type: ignore[union-attr]
    elapsed = float(re.search(r"requests in ([\d.]+)s", out).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = int(bad.group(1)) if bad else 0
    return total - errors, errors, elapsed


def _load_with_python(
    port: int, token: str, org_ids: list[int], seconds: float, clients: int
) -> tuple[int, int, float]:
    """Threads in this process; they take some of the server's CPU, so the figure is a lower bound."""
    created = errors = 0
    lock = threading.Lock()
    stop_at = time.time() + seconds

    def client_loop(seed: int) -> None:
        nonlocal created, errors
        rng = random.Random(seed)
        conn = HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        while time.time() < stop_at:
            body = json.dumps({
                "organisation_id": rng.choice(org_ids), "subject": "Bench: spindle noise 主轴异响",
                "body": "Created by the benchmark. 设备在高速运转时有异响。", "urgency": "normal",
            })  # fmt: skip
            conn.request("POST", "/api/v1/tickets", body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            with lock:
                if response.status == 201:
                    created += 1
                else:
                    errors += 1

    start = time.time()
    threads = [threading.Thread(target=client_loop, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return created, errors, time.time() - start


API_WARMUP_SECONDS = 3


def _wait_for_port(port: int, seconds: float = 30) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not start on port {port}")


def measure_api(seconds: float, clients: int) -> dict[str, float]:
    from serviceloop.accounts.models import User
    from serviceloop.accounts.services import issue_api_token
    from serviceloop.core.roles import Role
    from serviceloop.customers.models import Organisation

    agent = User.objects.filter(role=Role.AGENT).first()
    assert agent is not None
    token = issue_api_token(agent, name="bench")
    org_ids = list(Organisation.objects.values_list("pk", flat=True)[:50])
    port = _free_port()
    env = {**os.environ, "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend"}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "serviceloop.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--log-level", "warning"],
        env=env,
    )  # fmt: skip
    try:
        _wait_for_port(port)
        load = _load_with_wrk if shutil.which("wrk") else _load_with_python
        # Steady state, as for the pages: each worker first loads its code, fills its caches and
        # has its database connection prepare the statements it runs on every creation.
        load(port, token, org_ids, API_WARMUP_SECONDS, clients)
        created, errors, elapsed = load(port, token, org_ids, seconds, clients)
        rss = max((_rss_mb(pid) for pid in _children(server.pid)), default=0.0)
        return {
            f"API ticket creation (tickets/s, 2 workers) [{load.__name__[11:]} client]": created / elapsed,
            "API errors": errors,
            "web worker RSS (MB)": rss,
        }
    finally:
        server.terminate()
        server.wait(timeout=15)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--api-seconds", type=float, default=15)
    parser.add_argument("--api-clients", type=int, default=8)
    parser.add_argument("--skip-api", action="store_true")
    parser.add_argument("--skip-pages", action="store_true")
    args = parser.parse_args(argv)
    _setup_django()
    from django.db import connection

    from serviceloop.tickets.models import Ticket

    print(f"database: {connection.vendor}, tickets: {Ticket.objects.count():,}")
    rows: list[tuple[str, float, float | None]] = []
    for name, samples in ({} if args.skip_pages else measure_pages(args.samples)).items():
        rows.append(
            (name + f" [p50 {statistics.median(samples):.1f}]", percentile(samples, 95), TARGETS.get(name))
        )
    if not args.skip_api:
        for name, value in measure_api(args.api_seconds, args.api_clients).items():
            rows.append((name, value, TARGETS.get(name.split(" [")[0])))
    width = max(len(r[0]) for r in rows)
    for name, value, target in rows:
        verdict = ""
        if target is not None:
            ok = value >= target if "tickets/s" in name else value <= target
            verdict = f"target {target}: {'met' if ok else 'MISSED'}"
        print(f"{name:<{width}}  {value:10.1f}  {verdict}")


if __name__ == "__main__":
    main()
