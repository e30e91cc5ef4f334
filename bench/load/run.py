"""Page benchmarks and the load test: gunicorn with the production settings, over PostgreSQL and
Redis, driven over loopback by locust.

    .venv/bin/python bench/load/run.py                       # page benchmarks, full-size data
    .venv/bin/python bench/load/run.py --members 500 --threads 500 --posts 5000 \\
        --events 50 --case-studies 200 --registrations 1000 --duration 30
    .venv/bin/python bench/load/run.py --load                 # 200 people for 10 minutes
    .venv/bin/python bench/load/run.py --load --reuse-database --duration 30 --users 20

It (re)creates the bench database (cp_bench; never another name unless it starts with
"cp_bench"), migrates, seeds the demo content and then `seed_scale` at the sizes given,
collects the static files, empties its Redis database (db 9: cache, sessions and Celery's
queue; no Celery worker runs, so queued emails wait there), starts gunicorn with 2 workers per
CPU and waits for /healthz. --reuse-database skips the database steps when it is seeded.

Page benchmarks: each scenario runs alone, at a fixed concurrency (20 users, no think time) for
--duration seconds after a warm-up, and is reported as requests per second, p50/p95/p99
latency and its ratio to the health check measured in the same run. Writes
bench/results/<date>-pages.md and locust's CSV files under bench/results/<date>-pages/.

Load test (--load): 200 people (anonymous readers, signed-in readers, posters, registrants)
with think times for --duration seconds (default 600). Then checks: no 5xx response and
none left unanswered (a proxy would have answered 502), every reply that got a success
response is in the database, no event has more people seated than places, and the threads
posted to count their posts right. Writes bench/results/<date>-load.md (and CSV files); exits
non-zero if a check fails.
"""

import argparse
import csv
import datetime
import json
import os
import platform
import secrets
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
BIN = BASE_DIR / ".venv" / "bin"
LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
DATABASE_SCRIPT = Path(__file__).resolve().parent / "database.py"
RESULTS_DIR = BASE_DIR / "bench" / "results"
WORK_DIR = BASE_DIR / "var" / "bench"

DEFAULT_DATABASE_URL = "postgres://connected_places:connected_places@localhost:5432/cp_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/9"
DEFAULT_PASSWORD = "connected-places-bench"  # noqa: S105 - the documented bench password
# The load test posts far more often than people do; the posting limit would refuse it.
BENCH_SETTINGS = {"COMMUNITY_POSTS_PER_WINDOW": "1000000"}

# name, what is measured (the locustfile knows how to request each)
SCENARIOS = [
    ("health", "health check, the yardstick (`/healthz`)"),
    ("home", "home page"),
    ("community", "community page (the big discussion's community)"),
    ("thread-first", "discussion with 500 replies, first page (anonymous)"),
    ("thread-last", "discussion with 500 replies, last page (anonymous)"),
    ("case-studies", "case-study library with filters (three filter sets in turn)"),
    ("events", "event index (upcoming)"),
    ("event", "event page (the event with many registrations)"),
    ("search", "search (four queries in turn)"),
    ("member-thread", "signed-in member: discussion with 500 replies, first page"),
    ("member-reply", "signed-in member: reply (POST, answered with a redirect)"),
]
SIZE_OPTIONS = [
    ("members", 20_000),
    ("threads", 20_000),
    ("posts", 400_000),
    ("events", 2_000),
    ("case-studies", 5_000),
    ("registrations", 40_000),
]


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--load", action="store_true", help="run the load test instead")
    parser.add_argument(
        "--duration", type=int, default=None, help="seconds measured (pages: 30 each; load: 600)"
    )
    parser.add_argument(
        "--users", type=int, default=None, help="simulated people (pages: 20; load: 200)"
    )
    parser.add_argument("--warmup", type=int, default=5, help="seconds before measuring (5)")
    parser.add_argument(
        "--scenarios",
        default=",".join(name for name, _ in SCENARIOS),
        help="pages mode: which scenarios, comma-separated (health always runs)",
    )
    for name, default in SIZE_OPTIONS:
        parser.add_argument(f"--{name}", type=int, default=default, help=f"seed size ({default})")
    parser.add_argument("--seed", type=int, default=47)
    parser.add_argument(
        "--reuse-database",
        action="store_true",
        help="use the bench database as it is, if it is seeded (no migrate or seed)",
    )
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--workers", type=int, default=2 * (os.cpu_count() or 1), help="gunicorn workers"
    )
    parser.add_argument(
        "--setting",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="an extra environment variable for the server, e.g. ANONYMOUS_PAGE_CACHE_SECONDS=0",
    )
    parser.add_argument(
        "--think", default="2-10", help="load mode: seconds between a person's actions (2-10)"
    )
    return parser.parse_args()


class Bench:
    def __init__(self, args):
        self.args = args
        self.password = os.environ.get("BENCH_PASSWORD") or DEFAULT_PASSWORD
        self.host = f"http://127.0.0.1:{args.port}"
        self.today = datetime.date.today().isoformat()
        self.mode = "load" if args.load else "pages"
        self.raw_dir = RESULTS_DIR / f"{self.today}-{self.mode}"
        self.notes: list[str] = []
        self.extra_settings = dict(BENCH_SETTINGS)
        for setting in args.setting:
            name, _, value = setting.partition("=")
            self.extra_settings[name] = value
        database = urllib.parse.urlparse(args.database_url).path.lstrip("/")
        if not database.startswith("cp_bench"):
            sys.exit(f"The bench database's name must start with cp_bench (not {database!r}).")
        self.database = database
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "connected_places.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": args.database_url,
            "REDIS_URL": args.redis_url,
            "CELERY_BROKER_URL": args.redis_url,
            "WAGTAILADMIN_BASE_URL": self.host,
            # Over loopback there is no TLS proxy to redirect to; the simulated people say
            # they came through one (X-Forwarded-Proto), so cookies and CSRF work as on https.
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_STATIC_ROOT": str(WORK_DIR / "static"),
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "DJANGO_LOG_LEVEL": "WARNING",
            "DEMO_PASSWORD": self.password,
            "BENCH_PASSWORD": self.password,
            **self.extra_settings,
        }

    # -- steps ---------------------------------------------------------------------------

    def manage(self, *arguments, capture=False):
        command = [str(BIN / "python"), str(BASE_DIR / "manage.py"), *arguments]
        print("$", " ".join(command[1:]), flush=True)
        result = subprocess.run(  # noqa: S603 - our own commands
            command,
            env=self.env,
            cwd=BASE_DIR,
            check=True,
            stdout=subprocess.PIPE if capture else None,
            text=True,
        )
        return result.stdout

    def prepare_database(self):
        import psycopg

        url = urllib.parse.urlparse(self.args.database_url)
        admin = url._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as connection:
            print(f"Recreating the database {self.database}", flush=True)
            connection.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{self.database}"')
        self.manage("migrate", "--no-input", "-v", "0")
        self.manage("seed_demo", "-v", "0")
        sizes = [
            f"--{name}={getattr(self.args, name.replace('-', '_'))}" for name, _ in SIZE_OPTIONS
        ]
        started = time.perf_counter()
        output = self.manage(
            "seed_scale", "--force", f"--seed={self.args.seed}", *sizes, capture=True
        )
        print(output, flush=True)
        self.notes.append(
            f"Seeded with `seed_scale {' '.join(sizes)}` in {time.perf_counter() - started:.0f} s "
            "(command included): " + output.strip().splitlines()[-2]
        )

    def targets(self) -> dict:
        result = subprocess.run(  # noqa: S603
            [str(BIN / "python"), str(DATABASE_SCRIPT), "targets"],
            env=self.env,
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            sys.exit(
                "The bench database is not seeded at scale (run without --reuse-database):\n"
                + result.stderr.strip().splitlines()[-1]
            )
        return json.loads(result.stdout)

    def empty_redis(self):
        import redis

        redis.Redis.from_url(self.args.redis_url).flushdb()

    def start_server(self):
        WORK_DIR.mkdir(parents=True, exist_ok=True)
        command = [
            str(BIN / "gunicorn"),
            "connected_places.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.args.port}",
            "--workers",
            str(self.args.workers),
            "--access-logfile",
            str(WORK_DIR / "gunicorn-access.log"),
            "--error-logfile",
            str(WORK_DIR / "gunicorn-error.log"),
            "--no-control-socket",  # its default path is shared by every gunicorn on the machine
            # Import the code once, before forking: where Python writes no bytecode (as on the
            # development machine), each worker would otherwise compile it all as it starts.
            "--preload",
        ]
        print("$", " ".join(command[1:]), flush=True)
        self.server = subprocess.Popen(command, env=self.env, cwd=BASE_DIR)  # noqa: S603
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                sys.exit(f"gunicorn stopped (exit {self.server.returncode}); see var/bench/")
            try:
                with urllib.request.urlopen(f"{self.host}/healthz", timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(1)
        sys.exit("gunicorn did not answer /healthz within 3 minutes")

    def warm_up(self, targets):
        """Requests every page a few times from as many clients as workers, so that every
        worker has loaded its templates and the database its pages before anything counts."""
        paths = [
            targets["home"],
            targets["community"],
            targets["thread"],
            targets["thread_last_page"],
            targets["events"],
            targets["event"],
            *(targets["case_studies"] + query for query in ["", *targets["case_study_filters"]]),
            *(f"/search/?q={urllib.parse.quote_plus(term)}" for term in targets["search_terms"]),
        ]

        def fetch(path):
            headers = {"X-Forwarded-Proto": "https"}
            request = urllib.request.Request(self.host + path, headers=headers)  # noqa: S310
            with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
                return response.status

        print(f"Warming up: {len(paths)} pages, {self.args.workers} at a time", flush=True)
        with ThreadPoolExecutor(self.args.workers) as pool:
            statuses = list(pool.map(fetch, paths * self.args.workers))
        if any(status != 200 for status in statuses):
            sys.exit(f"Warm-up: not every page answered 200 ({sorted(set(statuses))})")

    def stop_server(self):
        server = getattr(self, "server", None)
        if server is not None and server.poll() is None:
            server.terminate()  # gunicorn's master stops its workers gracefully
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()

    def locust(self, name: str, config: dict, run_time: int):
        config_file = WORK_DIR / f"locust-{name}.json"
        config_file.write_text(json.dumps(config))
        command = [
            str(BIN / "locust"),
            "-f",
            str(LOCUSTFILE),
            "--headless",
            "--host",
            self.host,
            "--users",
            str(config["users"]),
            "--spawn-rate",
            str(config["spawn_rate"]),
            "--run-time",
            f"{run_time}s",
            "--stop-timeout",
            "30",
            "--csv",
            str(self.raw_dir / name),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ]
        print(f"$ locust ... {name} ({config['users']} users)", flush=True)
        subprocess.run(  # noqa: S603 - locust exits 1 when any request failed; reported below
            command, env={**os.environ, "BENCH_CONFIG": str(config_file)}, cwd=BASE_DIR
        )
        return read_stats(self.raw_dir / f"{name}_stats.csv")

    # -- the two modes -------------------------------------------------------------------

    def pages(self, targets):
        users = self.args.users or 20
        duration = self.args.duration or 30
        wanted = {"health", *self.args.scenarios.split(",")}
        results = {}
        for name, _ in SCENARIOS:
            if name not in wanted:
                continue
            config = {
                "mode": "pages",
                "scenario": name,
                "users": users,
                "spawn_rate": users,
                "duration": duration,
                "warmup": self.args.warmup,
                "targets": targets,
                "password": self.password,
                "host": self.host,
                "outcome_file": str(self.raw_dir / f"{name}_outcome.json"),
            }
            # Signing in takes a moment per member (password hashing is slow on purpose).
            stats = self.locust(name, config, run_time=self.args.warmup + duration + 120)
            outcome = json.loads((self.raw_dir / f"{name}_outcome.json").read_text())
            if outcome["sign_in_failures"]:
                sys.exit(f"{name}: members could not sign in; see the locust output above.")
            results[name] = {"stats": stats.get(name), "outcome": outcome}
        self.write_pages_report(targets, users, duration, results)
        return 1 if any(r["outcome"]["server_errors"] for r in results.values()) else 0

    def load(self, targets):
        users = self.args.users or 200
        duration = self.args.duration or 600
        think_min, think_max = (float(part) for part in self.args.think.split("-"))
        config = {
            "mode": "load",
            "users": users,
            # Signing in is slow on purpose (PBKDF2): 200 people signing in within seconds would
            # be a storm of its own, so they arrive over a minute and a half or so.
            "spawn_rate": max(1, users // 100),
            "think_min": think_min,
            "think_max": think_max,
            "targets": targets,
            "password": self.password,
            "host": self.host,
            "run_id": secrets.token_hex(6),
            "outcome_file": str(self.raw_dir / "load_outcome.json"),
        }
        started = time.time()
        stats = self.locust("load", config, run_time=duration)
        elapsed = time.time() - started
        outcome = json.loads((self.raw_dir / "load_outcome.json").read_text())
        result = subprocess.run(  # noqa: S603
            [
                str(BIN / "python"),
                str(DATABASE_SCRIPT),
                "verify",
                str(self.raw_dir / "load_outcome.json"),
            ],
            env=self.env,
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            check=True,
        )
        checks = json.loads(result.stdout)
        (self.raw_dir / "load_checks.json").write_text(json.dumps(checks, indent=1))
        failed = self.write_load_report(users, duration, elapsed, stats, outcome, checks)
        return 1 if failed else 0

    # -- reports -------------------------------------------------------------------------

    def machine(self) -> str:
        cpu = next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor(),
        )
        memory = next(
            (
                int(line.split()[1]) / 1024 / 1024
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")
            ),
            0,
        )
        return (
            f"{cpu}, {os.cpu_count()} CPUs, {memory:.0f} GB; {platform.system()} "
            f"{platform.release()}; Python {platform.python_version()}"
        )

    def header(self, title: str) -> list[str]:
        settings = ", ".join(f"`{k}={v}`" for k, v in self.extra_settings.items())
        return [
            f"# {title}, {datetime.datetime.now():%Y-%m-%d %H:%M}",
            "",
            f"- Machine: {self.machine()}. Load average when done: "
            f"{os.getloadavg()[0]:.1f} (the CPUs are shared with other work).",
            f"- Server: gunicorn, {self.args.workers} sync workers, "
            "`connected_places.settings.production` (DEBUG off), PostgreSQL database "
            f"`{self.database}`, Redis `{self.args.redis_url}` for the cache, sessions and "
            f"Celery's queue (no worker); settings for the bench: {settings}.",
            "- Driven by locust (headless, same machine, over loopback); every request says it "
            "came through the TLS proxy (`X-Forwarded-Proto: https`, an `X-Forwarded-For` "
            "address per person).",
            *[f"- {note}" for note in self.notes],
            "",
        ]

    def write_pages_report(self, targets, users, duration, results):
        health = (results.get("health") or {}).get("stats") or {}
        health_rps = health.get("rps") or 0
        lines = self.header("Page benchmarks")
        lines += [
            f"Each scenario alone: {users} users, no think time, {self.args.warmup} s warm-up, "
            f'then {duration} s measured. Latencies in milliseconds. "vs health" is the '
            "scenario's requests per second over the health check's in this run. \"Page cache "
            'hits": the share of responses served from the anonymous page cache '
            "(`X-Page-Cache: hit`; – where the page is never cached).",
            "",
            "| scenario | address | requests | req/s | vs health | p50 | p95 | p99 | failed "
            "| page cache hits |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        addresses = {
            "health": targets["health"],
            "home": targets["home"],
            "community": targets["community"],
            "thread-first": targets["thread"],
            "thread-last": targets["thread_last_page"],
            "case-studies": targets["case_studies"] + " " + " ".join(targets["case_study_filters"]),
            "events": targets["events"],
            "event": targets["event"],
            "search": "/search/?q=" + " | ".join(targets["search_terms"]),
            "member-thread": targets["thread"],
            "member-reply": f"…/reply/ on {len(targets['reply_threads'])} recent discussions",
        }
        for name, what in SCENARIOS:
            if name not in results:
                continue
            stats = results[name]["stats"] or {}
            rps = stats.get("rps", 0)
            ratio = f"{rps / health_rps:.0%}" if health_rps else "–"
            errors = results[name]["outcome"]["server_errors"]
            failed = stats.get("failures", 0)
            failed_text = f"{failed}" + (f" ({sum(errors.values())} 5xx)" if errors else "")
            cache = results[name]["outcome"].get("page_cache", {})
            hits = cache.get(f"{name} hit", 0)
            cached = sum(cache.values())
            hits_text = f"{hits / cached:.0%}" if cached else "–"
            lines.append(
                f"| {what} | `{addresses[name]}` | {stats.get('requests', 0)} | {rps:.1f} | "
                f"{ratio} | {stats.get('p50', '–')} | {stats.get('p95', '–')} | "
                f"{stats.get('p99', '–')} | {failed_text} | {hits_text} |"
            )
        lines += ["", f"Raw locust statistics: `bench/results/{self.raw_dir.name}/`.", ""]
        report = RESULTS_DIR / f"{self.today}-pages.md"
        report.write_text("\n".join(lines))
        print("\n".join(lines))
        print(f"Written to {report.relative_to(BASE_DIR)}")

    def write_load_report(self, users, duration, elapsed, stats, outcome, checks) -> bool:
        server_errors = sum(outcome["server_errors"].values())
        lost = len(checks["lost_replies"]) + len(checks["misplaced_replies"])
        overbooked = len(checks["overbooked_events"])
        miscounted = len(checks["miscounted_threads"])
        no_response = sum(outcome["no_response"].values())
        verdicts = [
            (server_errors == 0, f"5xx responses: {server_errors}", outcome["server_errors"]),
            (
                # Behind the proxy, a request gunicorn dropped (a worker killed at its timeout,
                # say) would be a 502.
                no_response == 0,
                f"requests without a response: {no_response}",
                outcome["no_response"],
            ),
            (
                lost == 0,
                f"lost replies: {lost} of {checks['acknowledged_replies']} answered with success "
                f"({checks['stored_replies']} found in the database)",
                checks["lost_replies"][:20] + checks["misplaced_replies"][:20],
            ),
            (
                overbooked == 0,
                f"overbooked events: {overbooked} of {checks['events_with_capacity']} with a "
                "capacity",
                checks["overbooked_events"],
            ),
            (
                miscounted == 0,
                f"threads whose reply count disagrees with their posts: {miscounted} of "
                f"{checks['threads_posted_to']} posted to",
                checks["miscounted_threads"][:20],
            ),
        ]
        total = stats.get("Aggregated", {})
        cache = outcome.get("page_cache", {})
        hits = sum(count for key, count in cache.items() if key.endswith(" hit"))
        cache_text = (
            f"Anonymous page cache: {hits} hits of {sum(cache.values())} cacheable responses "
            "(changes are published to anonymous visitors together, at most "
            "ANONYMOUS_PAGE_CACHE_MAX_STALE_SECONDS after the first)."
            if cache
            else "Anonymous page cache: not in use."
        )
        lines = self.header("Load test")
        lines += [
            f"{users} people (anonymous readers 50%, signed-in readers 20%, posters 20%, "
            f"registrants 10%; {self.args.think} s between actions, posters twice that) for "
            f"{duration} s ({elapsed:.0f} s with start and stop): {total.get('requests', 0)} "
            f"requests, {total.get('rps', 0):.1f} per second; {outcome['registrations']} "
            f"registrations and {outcome['cancellations']} cancellations; "
            f"{outcome['replies_refused']} replies refused. {cache_text}",
            "",
        ]
        for passed, text, details in verdicts:
            lines.append(f"- **{'PASS' if passed else 'FAIL'}** {text}")
            if details and not passed:
                lines.append(f"  `{json.dumps(details, default=str)[:2000]}`")
        lines += [
            "",
            "| request | count | req/s | p50 | p95 | p99 | max | failed |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name, row in sorted(stats.items()):
            lines.append(
                f"| {name} | {row['requests']} | {row['rps']:.1f} | {row['p50']} | {row['p95']} "
                f"| {row['p99']} | {row['max']} | {row['failures']} |"
            )
        lines += [
            "",
            f"Raw locust statistics and the checks: `bench/results/{self.raw_dir.name}/`.",
            "",
        ]
        report = RESULTS_DIR / f"{self.today}-load.md"
        report.write_text("\n".join(lines))
        print("\n".join(lines))
        print(f"Written to {report.relative_to(BASE_DIR)}")
        return not all(passed for passed, _, _ in verdicts)

    def run(self) -> int:
        if self.args.reuse_database:
            self.notes.append("Database reused as it was (not re-seeded).")
        else:
            self.prepare_database()
        targets = self.targets()
        self.manage("collectstatic", "--no-input", "-v", "0")
        self.empty_redis()
        # This run's raw files replace those of an earlier run of the same day.
        shutil.rmtree(self.raw_dir, ignore_errors=True)
        self.raw_dir.mkdir(parents=True)
        try:
            self.start_server()
            self.warm_up(targets)
            return self.load(targets) if self.args.load else self.pages(targets)
        finally:
            self.stop_server()


def read_stats(path: Path) -> dict:
    """locust's _stats.csv as {name: {requests, failures, rps, p50, p95, p99, max}}."""
    if not path.exists():
        return {}
    rows = {}
    with path.open() as file:
        for row in csv.DictReader(file):
            rows[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": float(row["Requests/s"]),
                "p50": row["50%"],
                "p95": row["95%"],
                "p99": row["99%"],
                "max": row["Max Response Time"].split(".")[0],
            }
    return rows


def main():
    sys.exit(Bench(parse_args()).run())


if __name__ == "__main__":
    main()
