#!/usr/bin/env bash
# The one command that runs every test. It sets up what the tests need by itself:
#   - PostgreSQL: the server on 127.0.0.1:5432 if one answers, else a throw-away cluster started with
#     Debian's binaries (installed with apt-get when missing and we are root); under CI=true having
#     none is a failure, never a silent skip.
#   - ../shared beside the project (read-only data); under CI=true a missing ../shared is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/bischeduler-target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

if [ ! -d ../shared/data ]; then
    if [ "${CI:-}" = "true" ]; then
        echo "error: ../shared/data is missing beside the project; CI needs it" >&2
        exit 1
    fi
    echo "note: ../shared/data is missing; tests that read it will skip" >&2
fi

# FET (the peer the FET tests compare with and that checks our timetables): Debian's package,
# installed here when fet-cl is missing and we are root; under CI=true still missing is a failure.
if ! command -v fet-cl >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing Debian's fet for the FET tests" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fet >/dev/null || true
fi
if ! command -v fet-cl >/dev/null 2>&1; then
    if [ "${CI:-}" = "true" ]; then
        echo "error: fet-cl is missing (apt-get install fet); CI needs it" >&2
        exit 1
    fi
    echo "note: fet-cl is missing; FET tests will skip" >&2
fi

pg_answers() { # URL
    command -v psql >/dev/null 2>&1 && psql "$1" -Atqc 'select 1' >/dev/null 2>&1
}

start_throwaway_postgres() {
    local bindir
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            echo "installing Debian's postgresql for the tests" >&2
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
            bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
        else
            return 1
        fi
    fi
    PG_TMP=$(mktemp -d /tmp/bischeduler-pg.XXXXXX)
    local port=54329
    # initdb refuses root: run the throw-away cluster as user postgres.
    PG_RUN=()
    if [ "$(id -u)" = 0 ]; then
        chown postgres "$PG_TMP"
        PG_RUN=(runuser -u postgres --)
    fi
    PG_BIN=$bindir
    "${PG_RUN[@]}" "$PG_BIN/initdb" -D "$PG_TMP/data" -U postgres -A trust >/dev/null
    "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/log" -w \
        -o "-p $port -k $PG_TMP -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
    trap '"${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate stop >/dev/null 2>&1; rm -rf "$PG_TMP"' EXIT
    export BISCHEDULER_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
}

if [ -z "${BISCHEDULER_TEST_POSTGRES_URL:-}" ]; then
    if [ "${CI:-}" = "true" ] && [ "$(id -u)" = 0 ] && [ -d /etc/postgresql ] && ! pg_answers postgres://postgres@127.0.0.1:5432/postgres; then
        # The machine's own cluster may only be stopped: start it rather than build another.
        pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start >/dev/null 2>&1 || true
    fi
    if pg_answers postgres://postgres@127.0.0.1:5432/postgres; then
        export BISCHEDULER_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres
    elif ! start_throwaway_postgres; then
        if [ "${CI:-}" = "true" ]; then
            echo "error: no PostgreSQL for the tests (none on 127.0.0.1:5432 and none could be started)" >&2
            exit 1
        fi
        echo "note: no PostgreSQL; PostgreSQL tests will skip" >&2
    fi
fi
echo "PostgreSQL for tests: ${BISCHEDULER_TEST_POSTGRES_URL:-none}" >&2

status=0
if cargo nextest --version >/dev/null 2>&1; then
    cargo nextest run --workspace --no-fail-fast "$@" || status=$?
else
    cargo test --workspace --no-fail-fast "$@" || status=$?
fi

# Pages in a real browser: Debian's chromium (installed here when missing and we are root; never a
# downloaded browser) driven by playwright-core from npm.
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing Debian's chromium for the page tests" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || true
fi
if [ -x /usr/bin/chromium ] && command -v npm >/dev/null; then
    # The binary the cli tests just ran (built with the test build's features); building it
    # again with `cargo build` would flip features and rebuild half the workspace each run.
    bin="$CARGO_TARGET_DIR/debug/bischeduler"
    [ -x "$bin" ] || cargo build -p cli --bin bischeduler
    (cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent) || status=1
    BISCHEDULER_BIN="$bin" node --test tests/browser/ || status=1
elif [ "${CI:-}" = "true" ]; then
    echo "error: the page tests need /usr/bin/chromium and npm" >&2
    status=1
else
    echo "note: no chromium or npm; page tests skipped" >&2
fi
exit $status
