#!/usr/bin/env bash
# The whole test suite, as `make test` and CI run it:
#   1. lint and format check, migrations in step with the models;
#   2. the embedded default (SQLite, in-memory channel layer, database search), with the
#      browser tests;
#   3. the production services (PostgreSQL, Redis, Elasticsearch) started on loopback by
#      scripts/services.sh, and the production settings' `check --deploy`.
# With CI=true a service or browser that cannot start fails the run; without it, the part
# that needs it is skipped with a warning. Extra arguments are passed to both pytest runs.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

BIN=.venv/bin
IN_CI=false
[[ "${CI:-}" == "true" ]] && IN_CI=true
failures=()

step() { printf '\n== %s\n' "$*"; }
warn_or_fail() {
  if $IN_CI; then echo "ERROR: $*" >&2; exit 1; fi
  echo "WARNING: $* (skipped; CI=true makes this a failure)" >&2
}
run() { "$@" || failures+=("$*"); }

step "Lint"
run "$BIN/ruff" check .
run "$BIN/ruff" format --check .

step "Migrations match the models"
run env DEBUG=true "$BIN/python" manage.py makemigrations --check --dry-run --verbosity 1

step "Browser tools"
browser_marker=""
if [[ ! -x /usr/bin/chromium ]]; then
  warn_or_fail "Debian's chromium is not installed (apt-get install chromium)"
  browser_marker="not browser"
elif ! (cd tests/browser && { [[ node_modules/.package-lock.json -nt package-lock.json ]] ||
                               npm ci --no-audit --no-fund --silent; }); then
  warn_or_fail "axe-core could not be installed from the npm registry"
  browser_marker="not browser"
fi

step "Suite on the embedded default"
embedded_marker="not postgres and not redis and not elasticsearch"
[[ -n "$browser_marker" ]] && embedded_marker="$embedded_marker and $browser_marker"
run env -u DATABASE_URL -u REDIS_URL -u ELASTICSEARCH_URL -u ELASTICSEARCH_ANALYSIS -u TASKS_BACKEND \
  "$BIN/pytest" -m "$embedded_marker" "$@"

step "Production services"
if bash scripts/services.sh start; then
  eval "$(bash scripts/services.sh env)"
  step "Suite on PostgreSQL + Redis + Elasticsearch"
  run env DATABASE_URL="$DATABASE_URL" REDIS_URL="$REDIS_URL" ELASTICSEARCH_URL="$ELASTICSEARCH_URL" \
    ELASTICSEARCH_ANALYSIS="$ELASTICSEARCH_ANALYSIS" "$BIN/pytest" -m "not browser" "$@"

  step "Deployment checks with production settings"
  run env DATABASE_URL="$DATABASE_URL" REDIS_URL="$REDIS_URL" ELASTICSEARCH_URL="$ELASTICSEARCH_URL" \
    SECRET_KEY="$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    ALLOWED_HOSTS=community.example.org SECURE_HTTPS=true BEHIND_PROXY=true TASKS_BACKEND=database \
    "$BIN/python" manage.py check --deploy --fail-level WARNING
else
  warn_or_fail "the production services did not start (see the messages above)"
fi

if ((${#failures[@]})); then
  printf '\nFAILED steps:\n' >&2
  printf '  %s\n' "${failures[@]}" >&2
  exit 1
fi
printf '\nAll steps passed.\n'
