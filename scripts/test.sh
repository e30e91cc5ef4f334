#!/usr/bin/env bash
# The whole suite, as `make test` (and so CI, through .ci/run) runs it. Non-interactive; stops
# at the first failing stage (and pytest at the first failing test) and ends with a summary of
# every stage and how long it took. With CI=true a skipped test fails the run.
#
#   PYTEST_OPTS         pytest options (default --exitfirst; PYTEST_OPTS= runs every test)
#   TEST_POSTGRES_URL   the PostgreSQL database of the second pytest run
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=.venv/bin
MAKE="${MAKE:-make}"
PG_URL="${TEST_POSTGRES_URL:-postgres://connected_places:connected_places@127.0.0.1:5432/connected_places}"
read -r -a PYTEST_EXTRA <<<"${PYTEST_OPTS---exitfirst}"

results="$(mktemp -d)"
summary=()
finish() {
    local status=$?
    echo
    echo "==================================== summary ===================================="
    printf '%s\n' "${summary[@]}"
    if compgen -G "$results/*.xml" >/dev/null; then
        "$BIN/python" - "$results"/*.xml <<'PY'
import sys
import xml.etree.ElementTree as ET

total = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
for path in sys.argv[1:]:
    root = ET.parse(path).getroot()
    for suite in [root] if root.tag == "testsuite" else root.iter("testsuite"):
        for key in total:
            total[key] += int(suite.get(key, 0))
failed = total["failures"] + total["errors"]
passed = total["tests"] - failed - total["skipped"]
print(f"pytest: {passed} passed, {failed} failed, {total['skipped']} skipped")
PY
    fi
    rm -rf "$results"
    if [ "$status" -eq 0 ]; then
        echo "make test: every stage passed"
    else
        echo "make test: FAILED (exit status $status)"
    fi
}
trap finish EXIT

stage() {
    local name="$1"
    shift
    echo
    echo "==> $name"
    local start=$EPOCHREALTIME status=0
    "$@" || status=$?
    local seconds
    seconds="$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%6.1f", b - a }')"
    if [ "$status" -eq 0 ]; then
        summary+=("  ok      ${seconds} s  $name")
    else
        summary+=("  FAILED  ${seconds} s  $name")
        return "$status"
    fi
}

# Each stage's function runs in an `||` list, where `set -e` does not apply: every command
# whose failure matters is followed by `|| return`.
lint() {
    "$BIN/ruff" check . || return
    "$BIN/ruff" format --check . || return
}

migrations_check() {
    # An in-memory database: the check must not touch (or create) any database file.
    DATABASE_URL="sqlite://:memory:" "$BIN/python" manage.py makemigrations --check --dry-run \
        --settings=connected_places.settings.test
}

deploy_check() {
    # A realistic production environment, exported for this command only.
    local key
    key="$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(50))')" || return
    env DJANGO_SECRET_KEY="$key" \
        DJANGO_ALLOWED_HOSTS=connectedplaces.example.org \
        DJANGO_CSRF_TRUSTED_ORIGINS=https://connectedplaces.example.org \
        DATABASE_URL=postgres://connected_places:Zr8vQe2mWk4t@db:5432/connected_places \
        REDIS_URL=redis://redis:6379/0 \
        WAGTAILADMIN_BASE_URL=https://connectedplaces.example.org \
        "$BIN/python" manage.py check --deploy --settings=connected_places.settings.production \
        --fail-level WARNING
}

run_pytest() {
    local label="$1"
    shift
    # The Celery variables are only for the worker that tests/test_celery_redis.py starts.
    env -u CELERY_BROKER_URL -u CELERY_RESULT_BACKEND "$@" \
        "$BIN/pytest" --ds=connected_places.settings.test --junitxml="$results/$label.xml" \
        "${PYTEST_EXTRA[@]}" || return
    # In CI nothing may be skipped: a skipped test there is a failed one.
    if [ "${CI:-}" = "true" ]; then
        "$BIN/python" - "$results/$label.xml" <<'PY'
import sys
import xml.etree.ElementTree as ET

skipped = [
    f"{case.get('classname')}::{case.get('name')}: {skip.get('message')}"
    for case in ET.parse(sys.argv[1]).getroot().iter("testcase")
    for skip in case.findall("skipped")
    if skip.get("type") != "pytest.xfail"
]
if skipped:
    print("CI=true and tests were skipped:", *skipped, sep="\n  ")
    sys.exit(1)
PY
    fi
}

# First: it also installs Node.js when npm is missing, for the assets.
stage "services: PostgreSQL, Redis, Chromium, Node.js" scripts/ensure-services.sh
stage "virtualenv (.venv from requirements.lock)" "$MAKE" venv
stage "ruff check and ruff format --check" lint
# Before the Django checks: without assets/build/ (in STATICFILES_DIRS) they warn.
stage "front-end assets" "$MAKE" assets
stage "makemigrations --check" migrations_check
stage "check --deploy (production settings)" deploy_check
stage "pytest on SQLite" run_pytest sqlite -u DATABASE_URL
stage "pytest on PostgreSQL" run_pytest postgresql DATABASE_URL="$PG_URL"
