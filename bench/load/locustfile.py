"""Simulated visitors and members for bench/load/run.py, which starts locust with this file.

run.py writes a JSON file and names it in $BENCH_CONFIG: the mode ("pages" or "load"), the
addresses to request (from home.scale_seeding.benchmark_targets), the members' password and,
for the page benchmarks, the scenario and how long to measure it.

Every simulated person comes through the TLS-terminating proxy production has, as far as
Django can tell: requests carry X-Forwarded-Proto: https (so secure cookies and the CSRF
origin check work as on the real site) and an X-Forwarded-For address of their own (so
sign-in rate limits count per person, as they would, not per load generator).

Pages mode: one scenario, every user requesting the same kind of page with no think time
(closed loop). Members first sign in through allauth's real form; when every user is ready,
the statistics are reset, so that only the scenario's requests in the measured window count.

Load mode: a mix of anonymous readers, signed-in readers, posters and event registrants with
think times. Every reply that got a success response is recorded (thread and a unique marker
in its text) and every response's status is counted; the outcome goes to a JSON file that
run.py checks against the database.
"""

import itertools
import json
import os
import random
import re
import time
import uuid
from collections import Counter
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path

import gevent
from locust import FastHttpUser, between, constant, events, task

CONFIG = json.loads(Path(os.environ["BENCH_CONFIG"]).read_text())
TARGETS = CONFIG["targets"]
PASSWORD = CONFIG["password"]
ORIGIN = "https://" + CONFIG["host"].split("://", 1)[1]  # what the proxy in front would send
RUN_ID = CONFIG.get("run_id", uuid.uuid4().hex[:12])
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

HTTPS_BROWSER = DefaultCookiePolicy(secure_protocols=("https", "http"))

_people = itertools.count(1)
_accounts = itertools.count(0)
_ready = Counter()
_outcome = {
    "statuses": Counter(),  # "name status" -> count
    "page_cache": Counter(),  # "name hit" / "name miss" -> count (home.page_cache's header)
    "server_errors": Counter(),  # name -> 5xx responses
    "no_response": Counter(),  # name -> connection errors and timeouts
    "replies": [],  # [thread path, marker] of every reply answered with success
    "replies_refused": 0,
    "registrations": 0,
    "cancellations": 0,
    "sign_in_failures": 0,
}


@events.request.add_listener
def _count_status(name, response, exception, **kwargs):
    status = getattr(response, "status_code", 0) or 0
    _outcome["statuses"][f"{name} {status}"] += 1
    cache = (getattr(response, "headers", None) or {}).get("X-Page-Cache")
    if cache:
        _outcome["page_cache"][f"{name} {cache}"] += 1
    if status >= 500:
        _outcome["server_errors"][name] += 1
    elif status == 0:
        _outcome["no_response"][name] += 1


@events.quitting.add_listener
def _write_outcome(environment, **kwargs):
    if CONFIG.get("outcome_file"):
        outcome = {
            key: dict(value) if isinstance(value, Counter) else value
            for key, value in _outcome.items()
        }
        outcome["run_id"] = RUN_ID
        Path(CONFIG["outcome_file"]).write_text(json.dumps(outcome, indent=1))


class Person(FastHttpUser):
    """Someone at their own address behind the site's proxy."""

    abstract = True
    host = CONFIG["host"]
    signs_in = False
    # Never wait longer than this for a response; a longer wait is counted, not hung on.
    network_timeout = 120.0
    connection_timeout = 120.0

    def on_start(self):
        # The person's browser talks https to the proxy, so it sends the site's secure cookies
        # (the session and CSRF cookies); locust's client sees http to gunicorn and would not.
        self.client.cookiejar.set_policy(HTTPS_BROWSER)
        number = next(_people)
        self.headers = {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}",
        }
        if self.signs_in:
            self.sign_in(TARGETS["accounts"][next(_accounts) % len(TARGETS["accounts"])])

    def get(self, path, name, **kwargs):
        return self.client.get(path, name=name, headers=self.headers, **kwargs)

    def post(self, path, name, data, **kwargs):
        headers = {**self.headers, "Origin": ORIGIN, "Referer": ORIGIN + path}
        data = {"csrfmiddlewaretoken": self.csrf_token(), **data}
        return self.client.post(
            path, name=name, data=data, headers=headers, allow_redirects=False, **kwargs
        )

    def csrf_token(self) -> str:
        # The CSRF cookie holds the secret, which Django accepts as the form's token too.
        for cookie in self.client.cookiejar:
            if cookie.name == "csrftoken":
                return cookie.value
        return ""

    def sign_in(self, email) -> bool:
        page = self.get("/accounts/login/", "sign in: form")
        token = CSRF_FIELD.search(page.text or "")
        headers = {**self.headers, "Origin": ORIGIN, "Referer": ORIGIN + "/accounts/login/"}
        with self.client.post(
            "/accounts/login/",
            name="sign in: post",
            data={
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "login": email,
                "password": PASSWORD,
            },
            headers=headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in as {email} answered {response.status_code}")
                _outcome["sign_in_failures"] += 1
                return False
        return True


# -- pages mode: one scenario per run, no think time ------------------------------------------


def _rotating(items):
    cycle = itertools.cycle(items)
    return lambda: next(cycle)


def _scenarios():
    """name -> (signs in, what one request is)."""
    filters = _rotating(TARGETS["case_study_filters"])
    terms = _rotating(TARGETS["search_terms"])
    reply_threads = TARGETS["reply_threads"]

    def reply(user):
        marker = f"bench-pages {RUN_ID} {uuid.uuid4().hex}"
        with user.post(
            random.choice(reply_threads) + "reply/",  # noqa: S311 - not for secrets
            "member-reply",
            {"body": f"Thanks, that is useful. ({marker})"},
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"reply answered {response.status_code}, not a redirect")

    return {
        "health": (False, lambda user: user.get(TARGETS["health"], "health")),
        "home": (False, lambda user: user.get(TARGETS["home"], "home")),
        "community": (False, lambda user: user.get(TARGETS["community"], "community")),
        "thread-first": (False, lambda user: user.get(TARGETS["thread"], "thread-first")),
        "thread-last": (
            False,
            lambda user: user.get(TARGETS["thread_last_page"], "thread-last"),
        ),
        "case-studies": (
            False,
            lambda user: user.get(TARGETS["case_studies"] + filters(), "case-studies"),
        ),
        "events": (False, lambda user: user.get(TARGETS["events"], "events")),
        "event": (False, lambda user: user.get(TARGETS["event"], "event")),
        "search": (
            False,
            lambda user: user.get(f"/search/?q={terms().replace(' ', '+')}", "search"),
        ),
        "member-thread": (True, lambda user: user.get(TARGETS["thread"], "member-thread")),
        "member-reply": (True, reply),
    }


if CONFIG["mode"] == "pages":
    SCENARIO = CONFIG["scenario"]
    SIGNS_IN, REQUEST = _scenarios()[SCENARIO]

    class PageReader(Person):
        """Requests one kind of page again and again (no think time)."""

        signs_in = SIGNS_IN
        wait_time = constant(0)

        def on_start(self):
            super().on_start()
            if _outcome["sign_in_failures"]:
                # Numbers for members who are not signed in would measure the wrong page.
                self.environment.runner.quit()
                return
            _ready["users"] += 1
            if _ready["users"] == CONFIG["users"]:
                gevent.spawn(_measure, self.environment)
            # Nobody requests anything until everyone has signed in and the clock starts.
            while not _ready["measuring"]:
                gevent.sleep(0.05)

        @task
        def request(self):
            REQUEST(self)

    def _measure(environment):
        """Warms up, resets the statistics, measures for the scenario's duration, stops."""
        _ready["measuring"] = 1
        gevent.sleep(CONFIG["warmup"])
        environment.runner.stats.reset_all()
        _outcome["statuses"].clear()
        _outcome["page_cache"].clear()
        _outcome["server_errors"].clear()
        _outcome["no_response"].clear()
        started = time.time()
        gevent.sleep(CONFIG["duration"])
        _outcome["measured_seconds"] = time.time() - started
        environment.runner.quit()


# -- load mode: a mix of people with think time -----------------------------------------------

if CONFIG["mode"] == "load":
    THINK = between(CONFIG.get("think_min", 2), CONFIG.get("think_max", 10))

    def _thread_page(user, path, name):
        # A reader lands on a discussion's first or last page, or somewhere in between.
        page = random.choice(["", "?page=2", "?page=last"])  # noqa: S311
        user.get(path + page, name)

    class AnonymousReader(Person):
        weight = 50
        wait_time = THINK

        @task(3)
        def thread(self):
            choice = random.random()  # noqa: S311
            path = TARGETS["thread"] if choice < 0.3 else random.choice(TARGETS["reply_threads"])  # noqa: S311
            _thread_page(self, path, "anonymous: thread")

        @task(2)
        def home(self):
            self.get(TARGETS["home"], "anonymous: home")

        @task(2)
        def community(self):
            self.get(TARGETS["community"], "anonymous: community")

        @task(2)
        def case_studies(self):
            filters = random.choice(["", *TARGETS["case_study_filters"]])  # noqa: S311
            self.get(TARGETS["case_studies"] + filters, "anonymous: case studies")

        @task(2)
        def events(self):
            self.get(TARGETS["events"], "anonymous: events")
            self.get(TARGETS["event"], "anonymous: event")

        @task(1)
        def search(self):
            term = random.choice(TARGETS["search_terms"]).replace(" ", "+")  # noqa: S311
            self.get(f"/search/?q={term}", "anonymous: search")

    class SignedInReader(Person):
        weight = 20
        signs_in = True
        wait_time = THINK

        @task(4)
        def thread(self):
            path = random.choice([TARGETS["thread"], *TARGETS["reply_threads"][:20]])  # noqa: S311
            _thread_page(self, path, "member: thread")

        @task(2)
        def community(self):
            self.get(TARGETS["community"], "member: community")

        @task(1)
        def discussions(self):
            self.get(TARGETS["community"] + "discussions/", "member: discussions")

        @task(1)
        def notifications(self):
            self.get("/notifications/", "member: notifications")

    class Poster(Person):
        weight = 20
        signs_in = True
        wait_time = between(CONFIG.get("think_min", 2) * 2, CONFIG.get("think_max", 10) * 2)

        @task
        def read_and_reply(self):
            # Most replies go to a few busy discussions, so posts race for the next number.
            busy = TARGETS["reply_threads"][:5]
            path = random.choice(busy if random.random() < 0.6 else TARGETS["reply_threads"])  # noqa: S311
            self.get(path + "?page=last", "poster: thread")
            marker = f"bench-load {RUN_ID} {uuid.uuid4().hex}"
            with self.post(
                path + "reply/",
                "poster: reply",
                {"body": f"Adding our experience here. ({marker})"},
                catch_response=True,
            ) as response:
                if response.status_code == 302:
                    _outcome["replies"].append([path, marker])
                elif response.status_code < 500:
                    _outcome["replies_refused"] += 1
                    response.failure(f"reply answered {response.status_code}, not a redirect")

    class Registrant(Person):
        weight = 10
        signs_in = True
        wait_time = THINK

        @task
        def register_or_cancel(self):
            # Mostly the first few workshops, so that registrants race for their last places.
            events_ = TARGETS["load_events"]
            event = random.choice(events_[:3] if random.random() < 0.7 else events_)  # noqa: S311
            page = self.get(event, "registrant: event")
            if "registration/cancel/" in (page.text or "") and random.random() < 0.5:  # noqa: S311
                with self.post(
                    event + "registration/cancel/",
                    "registrant: cancel",
                    {},
                    catch_response=True,
                ) as response:
                    if response.status_code == 302:
                        _outcome["cancellations"] += 1
                    elif response.status_code < 500:
                        response.success()  # already cancelled in another tab: fine
                return
            self.get(event + "register/", "registrant: form")
            with self.post(
                event + "register/",
                "registrant: register",
                {"organisation": "Bench Borough Council"},
                catch_response=True,
            ) as response:
                if response.status_code == 302:
                    _outcome["registrations"] += 1
                elif response.status_code < 500:
                    response.success()  # "already registered" or "full" is an answer too
