#!/usr/bin/env bash
# stop|start|restart|kill|status the PostgreSQL server of the current
# with-servers.sh run, for fault-injection tests (and for with-servers.sh).
# Exit 75 from start means "port already taken": the caller picks another one.
set -euo pipefail

pg_bin=/usr/lib/postgresql/15/bin
data=${POOLSCOPE_TEST_POSTGRES_DATA:?not set: run this through tests/servers/with-servers.sh}
# Only start/restart write a log; stop and kill must work without it.
log=${POOLSCOPE_TEST_POSTGRES_LOG:-$data/../postgres.log}

# initdb/postgres refuse to run as root, so with-servers.sh made the folder
# belong to the postgres user.
as_pg() {
    if ((EUID == 0)); then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

running() {
    as_pg "$pg_bin/pg_ctl" -D "$data" status >/dev/null 2>&1
}

# Listen address, port and socket folder live in the data folder's
# postgresql.conf, so a plain pg_ctl start/restart keeps them.
start() {
    local before out
    before=$(stat -c %s "$log" 2>/dev/null || echo 0)
    if out=$(as_pg "$pg_bin/pg_ctl" -D "$data" -l "$log" -w -t 60 start 2>&1); then
        return 0
    fi
    if [[ $(tail -c +$((before + 1)) "$log") == *"Address already in use"* ]]; then
        return 75
    fi
    printf '%s\n' "$out" >&2
    echo "postgres-ctl: PostgreSQL did not start; end of $log:" >&2
    tail -n 30 "$log" >&2
    return 1
}

stop() {
    running || return 0
    as_pg "$pg_bin/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null
}

case ${1:-} in
    start) start ;;
    stop) stop ;;
    # Abrupt end without checkpoint, like a crash; the next start recovers.
    kill)
        running || exit 0
        if ! as_pg "$pg_bin/pg_ctl" -D "$data" -m immediate -w -t 10 stop >/dev/null; then
            read -r pid <"$data/postmaster.pid"
            kill -KILL "$pid"
        fi
        ;;
    restart)
        if ! as_pg "$pg_bin/pg_ctl" -D "$data" -l "$log" -m fast -w -t 60 restart >/dev/null; then
            echo "postgres-ctl: PostgreSQL did not restart; end of $log:" >&2
            tail -n 30 "$log" >&2
            exit 1
        fi
        ;;
    status) running ;;
    *)
        echo "usage: $0 stop|start|restart|kill|status" >&2
        exit 2
        ;;
esac
