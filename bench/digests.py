"""Digest benchmark: a run for 10,000 members across the eight communities.

    .venv/bin/python bench/digests.py                      # SQLite, in a throwaway database
    DATABASE_URL=postgres://connected_places:connected_places@localhost:5432/connected_places \\
        .venv/bin/python bench/digests.py                  # PostgreSQL (its own database)
    .venv/bin/python bench/digests.py --members 2000 --chunk-size 200

It builds a fresh test database (as the test suite does, and drops it afterwards), seeds the
eight communities with members, memberships, watched threads, replies, upcoming events and
case studies, then runs the digest for this week in this process through the same code the
Celery chunk task runs (digests.runs.process_chunk), with Django's in-memory mail backend so
that the number measures our work rather than a mail server. --processes N runs the chunks in
N forked processes, as a Celery worker with --concurrency N does. It reports digests per second
(members processed: sent or skipped), and the queries per chunk: selection alone (constant
whatever the chunk size) and the whole chunk (claims, selection, and two updates per digest
sent: "sending", then "sent").
"""

import argparse
import datetime
import multiprocessing
import os
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "connected_places.settings.test")

COMMUNITIES = [
    "Health and wellbeing",
    "Community resilience",
    "Energy and environmental sustainability",
    "Democratic and community engagement",
    "Travel and mobility",
    "Economy and business",
    "Education, skills and jobs",
    "Data",
]
WORDS = [
    "council",
    "data",
    "sharing",
    "housing",
    "sensors",
    "care",
    "transport",
    "bus",
    "energy",
    "retrofit",
    "heat",
    "network",
    "schools",
    "skills",
    "jobs",
    "flood",
    "resilience",
    "standards",
    "open",
    "consent",
    "residents",
    "digital",
    "inclusion",
    "library",
    "platform",
    "procurement",
    "pilot",
    "evaluation",
    "outcomes",
    "funding",
    "partnership",
]


def sentence(rng, words=18) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def seed(members: int, rng: random.Random):
    from allauth.account.models import EmailAddress
    from django.utils import timezone

    from communities.forum.models import Post, Thread, Watch
    from communities.membership.models import Membership
    from members.models import Preferences, User
    from tests.factories import (
        CaseStudyPageFactory,
        CommunityPageFactory,
        EventPageFactory,
        build_site_tree,
    )

    now = timezone.now()
    tree = build_site_tree()
    communities = [
        CommunityPageFactory(parent=tree["communities"], title=title) for title in COMMUNITIES
    ]
    for number in range(48):
        CaseStudyPageFactory(
            parent=tree["case_studies"],
            title=f"Case study {number}: {sentence(rng, 4)}",
            summary=sentence(rng, 40),
            components=rng.sample(communities, rng.randint(1, 2)),
            first_published_at=now - datetime.timedelta(days=rng.randint(0, 60)),
        )
    for number in range(24):
        starts = now + datetime.timedelta(days=rng.randint(2, 40), hours=rng.randint(0, 8))
        EventPageFactory(
            parent=tree["events"],
            title=f"Event {number}: {sentence(rng, 3)}",
            community=communities[number % len(communities)],
            summary=sentence(rng, 30),
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            capacity=rng.choice([None, 30, 80]),
            first_published_at=now - datetime.timedelta(days=rng.randint(0, 30)),
        )

    users = User.objects.bulk_create(
        User(
            email=f"bench{number}@example.org",
            display_name=f"Bench member {number}",
            handle=f"bench-{number}",
            organisation="Northvale Borough Council",
            sector="local-government",
            password="!",  # noqa: S106 (unusable: nobody signs in as these)
            interests=[c.slug for c in rng.sample(communities, rng.randint(0, 2))],
        )
        for number in range(members)
    )
    Preferences.objects.bulk_create(Preferences(user=user) for user in users)
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
    )
    Membership.objects.bulk_create(
        Membership(community=community, member=user, joined_at=now)
        for user in users
        for community in rng.sample(communities, rng.randint(1, 3))
    )

    threads = []
    for community in communities:
        for number in range(12):
            started = now - datetime.timedelta(days=rng.randint(0, 20), hours=rng.randint(0, 23))
            threads.append(
                Thread(
                    community=community,
                    title=f"{sentence(rng, 6)[:-1]} ({number})",
                    slug=f"thread-{community.pk}-{number}",
                    author=rng.choice(users),
                    created_at=started,
                    last_activity_at=started,
                )
            )
    threads = Thread.objects.bulk_create(threads)
    posts = []
    for thread in threads:
        body = sentence(rng, 60)
        posts.append(
            Post(
                thread=thread,
                author=thread.author,
                number=1,
                body_markdown=body,
                body_html=f"<p>{body}</p>",
                created_at=thread.created_at,
            )  # fmt: skip
        )
        replies = rng.randint(0, 25)
        for number in range(2, replies + 2):
            at = thread.created_at + (now - thread.created_at) * number / (replies + 2)
            body = sentence(rng, 40)
            posts.append(
                Post(
                    thread=thread,
                    author=rng.choice(users),
                    number=number,
                    body_markdown=body,
                    body_html=f"<p>{body}</p>",
                    created_at=at,
                )  # fmt: skip
            )
            thread.last_activity_at = at
        thread.reply_count = replies
    Post.objects.bulk_create(posts, batch_size=2000)
    Thread.objects.bulk_update(threads, ["reply_count", "last_activity_at"], batch_size=500)
    Watch.objects.bulk_create(
        (Watch(member=user, thread=thread) for user in users for thread in rng.sample(threads, 2)),
        batch_size=5000,
    )
    return len(threads), len(posts)


def process_chunks(chunk_ids):
    """Runs chunks as a Celery worker process would; returns the queries each took."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from digests import runs

    counted = []
    for chunk_id in chunk_ids:
        reset_queries()  # the query log keeps 9,000 at most: count each chunk from empty
        with CaptureQueriesContext(connection) as queries:
            runs.process_chunk(chunk_id)
        counted.append(len(queries))
    connection.close()
    return counted


def run(chunk_size: int, processes: int):
    from django.db import connection, connections

    from digests import runs
    from digests.models import DeliveryStatus, DigestDelivery, DigestRun
    from digests.periods import local_today, weekly_period

    period = weekly_period(local_today())
    started = time.perf_counter()
    digest_run = runs.start_run(
        period, trigger=DigestRun.Trigger.COMMAND, chunk_size=chunk_size, queue=False
    )
    chunk_ids = list(digest_run.chunks.order_by("pk").values_list("pk", flat=True))
    if processes == 1:
        chunk_queries = process_chunks(chunk_ids)
    else:
        # Like a Celery worker with --concurrency: processes forked once, each with its own
        # database connection, taking chunks in turn.
        connections.close_all()
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            shares = pool.map(process_chunks, [chunk_ids[n::processes] for n in range(processes)])
        chunk_queries = [count for share in shares for count in share]
    elapsed = time.perf_counter() - started
    outcome = Counter(
        DigestDelivery.objects.filter(period=period.key).values_list("status", flat=True)
    )
    totals = {status: outcome.get(status, 0) for status in DeliveryStatus.values}
    connection.close()
    return digest_run, period, totals, elapsed, chunk_queries


def selection_queries(period, member_ids, sizes):
    """Queries for selecting one chunk's content, at several chunk sizes."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from digests.selection import select_digests

    select_digests(member_ids[:1], period=period)  # warm the per-process caches (site roots)
    counts = {}
    for size in sizes:
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            select_digests(member_ids[:size], period=period)
        counts[size] = len(queries)
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--chunk-size", type=int, default=100)
    parser.add_argument(
        "--processes", type=int, default=1, help="worker processes, like Celery's --concurrency"
    )
    parser.add_argument("--seed", type=int, default=47)
    options = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from members.models import User

    # Django's in-memory backend (the test settings'), so that no mail server is measured.
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"
    if connection.vendor != "sqlite":  # (the test settings already name SQLite's per process)
        # A name of our own: never the test suite's database, which may be in use.
        connection.settings_dict["TEST"]["NAME"] = f"bench_digests_{os.getpid()}"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        seeding = time.perf_counter()
        threads, posts = seed(options.members, random.Random(options.seed))  # noqa: S311
        seeded_in = time.perf_counter() - seeding
        digest_run, period, totals, elapsed, chunk_queries = run(
            options.chunk_size, options.processes
        )
        member_ids = list(User.objects.order_by("pk").values_list("pk", flat=True))
        sizes = [max(options.chunk_size // 4, 1), options.chunk_size]
        selection = selection_queries(period, member_ids, sizes)
        processed = sum(totals.values())
        lines = [
            f"database: {connection.vendor}; {options.processes} process(es); "
            f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} when done",
            f"seeded {options.members} members, {len(COMMUNITIES)} communities, {threads} "
            f"threads, {posts} posts in {seeded_in:.1f} s",
            f"run for {digest_run.period}: {digest_run.considered} members in "
            f"{len(chunk_queries)} chunks of {options.chunk_size}",
            "outcome: " + ", ".join(f"{n} {status}" for status, n in totals.items() if n),
            f"time {elapsed:.1f} s: {processed / elapsed:.0f} digests per second",
            "queries per chunk, selection only: "
            + ", ".join(f"{selection[size]} for {size} members" for size in sizes),
            f"queries per chunk, whole chunk: median {statistics.median(chunk_queries):.0f}, "
            f"max {max(chunk_queries)} (the claims and selection, then per digest sent one "
            "transaction: BEGIN, the previous one's 'sent', this one's 'sending', COMMIT)",
        ]
        print("\n".join(lines))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
