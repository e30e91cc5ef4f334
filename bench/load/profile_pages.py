"""Where the benchmarked pages spend their time: queries and a profile of each, in one process.

    .venv/bin/python bench/load/profile_pages.py [--requests 20] [--scenarios thread-first,search]

Requests each page of the page benchmarks (bench/load/run.py) through Django's test client,
against the bench database as run.py leaves it (seeded at scale), with the production settings
and the anonymous page cache off, so that what is measured is building the page. For each page
it reports the median time per request, the queries one request makes and the time PostgreSQL
took for them, the slowest queries, and cProfile's view of the slowest pages: the functions
with the most cumulative time, our code and the libraries' apart. Writes
bench/results/<date>-profile.md.
"""

import argparse
import cProfile
import datetime
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(BASE_DIR))
for name, value in {
    "DJANGO_SETTINGS_MODULE": "connected_places.settings.production",
    "DJANGO_SECRET_KEY": "bench-profile-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    "DATABASE_URL": "postgres://connected_places:connected_places@localhost:5432/cp_bench",
    "REDIS_URL": "redis://127.0.0.1:6379/9",
    "WAGTAILADMIN_BASE_URL": "http://127.0.0.1:8765",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "DJANGO_STATIC_ROOT": str(BASE_DIR / "var" / "bench" / "static"),  # run.py collects there
    "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    "COMMUNITY_POSTS_PER_WINDOW": "1000000",
    "ANONYMOUS_PAGE_CACHE_SECONDS": "0",
}.items():
    os.environ.setdefault(name, value)

SCENARIOS = [
    "home",
    "community",
    "thread-first",
    "thread-last",
    "case-studies",
    "events",
    "event",
    "search",
    "member-thread",
    "member-community",
    "member-reply",
]


def requests_for(name, targets):
    """(signed in, method, [addresses], data) for a scenario."""
    filters = targets["case_study_filters"]
    return {
        "home": (False, "get", [targets["home"]], None),
        "community": (False, "get", [targets["community"]], None),
        "thread-first": (False, "get", [targets["thread"]], None),
        "thread-last": (False, "get", [targets["thread_last_page"]], None),
        "case-studies": (False, "get", [targets["case_studies"] + f for f in filters], None),
        "events": (False, "get", [targets["events"]], None),
        "event": (False, "get", [targets["event"]], None),
        "search": (
            False,
            "get",
            [f"/search/?q={term.replace(' ', '+')}" for term in targets["search_terms"]],
            None,
        ),
        "member-thread": (True, "get", [targets["thread"]], None),
        "member-community": (True, "get", [targets["community"]], None),
        "member-reply": (
            True,
            "post",
            [path + "reply/" for path in targets["reply_threads"][:20]],
            {"body": "Profiling a reply."},
        ),
    }[name]


def profile(client, name, targets, count):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    signed_in, method, addresses, data = requests_for(name, targets)
    send = getattr(client, method)

    def request(index):
        response = (
            send(addresses[index % len(addresses)], data)
            if data
            else send(addresses[index % len(addresses)])
        )
        if response.status_code not in (200, 302):
            raise SystemExit(
                f"{name}: {addresses[index % len(addresses)]} answered {response.status_code}"
            )
        return response

    for index in range(2):  # warm: templates, the site root, connections
        request(index)
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        request(0)
    # Read now: the next request empties the connection's query log.
    captured = list(queries.captured_queries)
    timings = []
    for index in range(count):  # timed without the profiler, which slows Python down
        started = time.perf_counter()
        request(index)
        timings.append((time.perf_counter() - started) * 1000)
    profiler = cProfile.Profile()
    for index in range(count):
        profiler.enable()
        request(index)
        profiler.disable()
    sql = sorted(captured, key=lambda q: float(q["time"]), reverse=True)
    return {
        "name": name,
        "signed_in": signed_in,
        "median_ms": statistics.median(timings),
        "queries": len(captured),
        "sql_ms": sum(float(q["time"]) for q in captured) * 1000,
        "slowest_sql": [(float(q["time"]) * 1000, q["sql"]) for q in sql[:5]],
        "profiler": profiler,
    }


def top_functions(profiler, *, ours: bool, limit: int) -> str:
    """Our functions by cumulative time (where our code spends it), or every function by
    its own time (the hot spots, wherever they are)."""
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream)
    if ours:
        stats.sort_stats("cumulative").print_stats(f"^{BASE_DIR}/(?!\\.venv|bench)", limit)
    else:
        stats.sort_stats("tottime").print_stats(limit)
    lines = stream.getvalue().splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip().startswith("ncalls")), 0)
    return "\n".join(
        line.replace(str(BASE_DIR) + "/", "") for line in lines[start:] if line.strip()
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=20, help="requests profiled per page")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--detail", type=int, default=4, help="profiles shown for the N slowest")
    options = parser.parse_args()

    import django

    django.setup()
    from django.test import Client

    from home.scale_seeding import benchmark_targets
    from members.models import User

    targets = benchmark_targets()
    member = User.objects.get(email=targets["accounts"][0])
    results = []
    for name in options.scenarios.split(","):
        client = Client(HTTP_HOST="127.0.0.1", secure=True)
        if requests_for(name, targets)[0]:
            client.force_login(member)
        print(f"profiling {name}", file=sys.stderr, flush=True)
        results.append(profile(client, name, targets, options.requests))

    lines = [
        f"# Where the pages spend their time, {datetime.datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"{options.requests} requests per page through Django's test client, in one process, "
        "production settings, anonymous page cache off, bench database "
        f"(`{os.environ['DATABASE_URL'].rsplit('/', 1)[-1]}`): its big discussion has "
        f"{targets['thread_replies']} replies. Queries and SQL time are for one request. "
        f"Load average when done: {os.getloadavg()[0]:.1f}.",
        "",
        "| page | median ms | queries | SQL ms | slowest query ms |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        slowest = result["slowest_sql"][0][0] if result["slowest_sql"] else 0
        lines.append(
            f"| {result['name']} | {result['median_ms']:.0f} | {result['queries']} | "
            f"{result['sql_ms']:.0f} | {slowest:.0f} |"
        )
    for result in sorted(results, key=lambda r: r["median_ms"], reverse=True)[: options.detail]:
        lines += [
            "",
            f"## {result['name']}: {result['median_ms']:.0f} ms",
            "",
            "Slowest queries:",
            "",
        ]
        for ms, sql in result["slowest_sql"]:
            lines.append(f"- {ms:.1f} ms: `{sql[:600]}`")
        lines += [
            "",
            "Our code, by cumulative time:",
            "",
            "```",
            top_functions(result["profiler"], ours=True, limit=25),
            "```",
            "",
            "Hot spots anywhere, by own time:",
            "",
            "```",
            top_functions(result["profiler"], ours=False, limit=20),
            "```",
        ]
    output = BASE_DIR / "bench" / "results" / f"{datetime.date.today().isoformat()}-profile.md"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text("\n".join(lines) + "\n")
    print("\n".join(lines[:20]))
    print(f"Written to {output.relative_to(BASE_DIR)}")


if __name__ == "__main__":
    main()
