"""What bench/load/run.py asks the bench database, in a process of its own (Django configured
from the environment run.py passes: the production settings and the bench database).

    database.py targets                 the addresses and accounts the benchmarks use (JSON)
    database.py verify OUTCOME.json     after a load run: every reply that got a success
                                        response exists, no event has more people seated than
                                        places, and the threads posted to count their posts
                                        right (JSON)
"""

import json
import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "connected_places.settings.production")


def targets() -> dict:
    from home.scale_seeding import benchmark_targets

    return benchmark_targets()


def verify(outcome: dict) -> dict:
    from django.db.models import Count, F, Max, Q

    from communities.forum.models import Post, Thread
    from events.models import SEATED_STATES, EventPage

    # marker -> the thread id in the address the reply was posted to (/discussions/<id>-<slug>/)
    acknowledged = {
        marker: int(path.rstrip("/").rsplit("/", 1)[-1].split("-", 1)[0])
        for path, marker in outcome["replies"]
    }
    thread_ids = set(acknowledged.values())
    # One pass over this run's posts: each body ends with "(bench-load RUN MARKER)".
    stored = {}
    for thread_id, body in Post.objects.filter(
        body_markdown__contains=f"bench-load {outcome['run_id']} "
    ).values_list("thread_id", "body_markdown"):
        stored[body.rsplit("(", 1)[-1].rstrip(")")] = thread_id
    lost = [
        {"thread": thread_id, "marker": marker}
        for marker, thread_id in acknowledged.items()
        if marker not in stored
    ]
    misplaced = [
        {"thread": thread_id, "marker": marker, "found_in": stored[marker]}
        for marker, thread_id in acknowledged.items()
        if marker in stored and stored[marker] != thread_id
    ]
    overbooked = list(
        EventPage.objects.filter(capacity__isnull=False)
        .annotate(seated=Count("registrations", filter=Q(registrations__state__in=SEATED_STATES)))
        .filter(seated__gt=F("capacity"))
        .values("id", "slug", "capacity", "seated")
    )
    # reply_count is kept by an UPDATE in the reply's transaction; a lost update would show here.
    miscounted = list(
        Thread.objects.filter(pk__in=thread_ids)
        .annotate(
            numbered=Count("posts", filter=Q(posts__number__isnull=False)),
            highest=Max("posts__number"),
        )
        .exclude(reply_count=F("numbered") - 1, highest=F("reply_count") + 1)
        .values("id", "reply_count", "numbered", "highest")
    )
    return {
        "acknowledged_replies": len(acknowledged),
        "stored_replies": len(stored),
        "lost_replies": lost,
        "misplaced_replies": misplaced,
        "events_with_capacity": EventPage.objects.filter(capacity__isnull=False).count(),
        "overbooked_events": overbooked,
        "threads_posted_to": len(thread_ids),
        "miscounted_threads": miscounted,
    }


def main():
    import django

    django.setup()
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "targets":
        print(json.dumps(targets()))
    elif command == "verify" and len(sys.argv) == 3:
        print(json.dumps(verify(json.loads(Path(sys.argv[2]).read_text())), default=str))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
