#!/usr/bin/env bash
# Usage: with-servers.sh CMD [ARGS...]
#
# Starts a throwaway PostgreSQL 15 and MariaDB server, and PgBouncer in front
# of PostgreSQL (fresh temp folders, 127.0.0.1 on free ports, sockets inside
# the temp folders), runs CMD with
# POOLSCOPE_TEST_* variables describing them, then stops both and removes the
# folders whatever happens to CMD. Exits with CMD's exit code.
# Works as a normal user and as root (PostgreSQL then runs as postgres, the
# account its package creates; MariaDB as root: see README.md beside this file).
set -euo pipefail

if (($# == 0)); then
    echo "usage: $0 CMD [ARGS...]" >&2
    exit 2
fi

here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
pg_bin=/usr/lib/postgresql/15/bin
user=poolscope
password=poolscope-test-pw
database=poolscope_test
# How many sessions each server admits; more for benchmarks that hold
# thousands (bench/make_sessions.py). The tests rely on the default.
export POOLSCOPE_TEST_MAX_CONNECTIONS=${POOLSCOPE_TEST_MAX_CONNECTIONS:-300}
if [[ ! $POOLSCOPE_TEST_MAX_CONNECTIONS =~ ^[1-9][0-9]{0,4}$ ]]; then
    echo "with-servers: POOLSCOPE_TEST_MAX_CONNECTIONS must be a number from 1 to 99999, not '$POOLSCOPE_TEST_MAX_CONNECTIONS'" >&2
    exit 2
fi

# Preflight, before anything starts: every program the servers need, named
# with its package when missing, and postgres's account when run as root.
"$here/../../packaging/check-required.sh" with-servers servers
if ((EUID == 0)) && ! getent passwd postgres >/dev/null; then
    echo "with-servers: missing the postgres account (from Debian package postgresql-common, which postgresql-15 depends on): run 'make deps'" >&2
    exit 1
fi

export POOLSCOPE_TEST_POSTGRES_CTL=$here/postgres-ctl.sh
export POOLSCOPE_TEST_MARIADB_CTL=$here/mariadb-ctl.sh

say() { printf 'with-servers: %s\n' "$*" >&2; }

fail() {
    say "$*"
    exit 1
}

as_pg() {
    if ((EUID == 0)); then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# Port 0 lets the kernel pick a free port; another process could still grab
# it before the server binds, so the start loops below retry on "in use".
free_port() {
    /usr/bin/python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

pg_dir=
maria_dir=
init_pids=()
child=
signals=0

# shellcheck disable=SC2317  # only reached through traps
cleanup() {
    local rc=$?
    trap - EXIT
    # A second Ctrl-C must not leave servers or folders behind.
    trap '' INT TERM
    set +e
    # initdb / mariadb-install-db may still be writing into the folders.
    if ((${#init_pids[@]} > 0)); then
        wait "${init_pids[@]}" 2>/dev/null
    fi
    # The data is thrown away, so no clean shutdown: "kill" is instant and
    # also ends a server that hung because it was interrupted while starting.
    local pid
    if [[ -n $maria_dir ]]; then
        if ! "$POOLSCOPE_TEST_MARIADB_CTL" kill; then
            read -r pid <"$POOLSCOPE_TEST_MARIADB_PID_FILE" && kill -KILL "$pid"
        fi
        rm -rf -- "$maria_dir"
    fi
    if [[ -n $pg_dir ]]; then
        if [[ -s $pg_dir/pgbouncer/pgbouncer.pid ]]; then
            read -r pid <"$pg_dir/pgbouncer/pgbouncer.pid" && kill -KILL "$pid"
        fi
        if ! "$POOLSCOPE_TEST_POSTGRES_CTL" kill; then
            read -r pid <"$POOLSCOPE_TEST_POSTGRES_DATA/postmaster.pid" && kill -KILL "$pid"
        fi
        rm -rf -- "$pg_dir"
    fi
    if [[ -n $pg_dir$maria_dir ]]; then
        say "servers stopped, temp folders removed (exit $rc)"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- folders and the slow one-time initialisation, both in parallel ---------

pg_dir=$(mktemp -d -t poolscope-pg.XXXXXX)
export POOLSCOPE_TEST_POSTGRES_DATA=$pg_dir/data
export POOLSCOPE_TEST_POSTGRES_SOCKET_DIR=$pg_dir
export POOLSCOPE_TEST_POSTGRES_LOG=$pg_dir/postgres.log
if ((EUID == 0)); then
    # initdb and postgres refuse to run as root.
    chown postgres: "$pg_dir"
    runuser -u postgres -- test -w "$pg_dir" ||
        fail "user postgres cannot write to $pg_dir; point TMPDIR at a folder it can reach"
fi

maria_dir=$(mktemp -d -t poolscope-mariadb.XXXXXX)
export POOLSCOPE_TEST_MARIADB_DATA=$maria_dir/data
export POOLSCOPE_TEST_MARIADB_SOCKET=$maria_dir/mariadbd.sock
export POOLSCOPE_TEST_MARIADB_PID_FILE=$maria_dir/mariadbd.pid
export POOLSCOPE_TEST_MARIADB_LOG=$maria_dir/mariadbd.log
export POOLSCOPE_TEST_MARIADB_TMPDIR=$maria_dir/tmp
mkdir "$POOLSCOPE_TEST_MARIADB_TMPDIR"
maria_install_args=(
    --no-defaults
    "--datadir=$POOLSCOPE_TEST_MARIADB_DATA"
    # Its own folder rather than $TMPDIR, removed with the rest.
    "--tmpdir=$POOLSCOPE_TEST_MARIADB_TMPDIR"
    --skip-test-db
    # Socket login without password for whoever runs this script, which is
    # what mariadb-ctl.sh uses; no passwordless account reachable over TCP.
    --auth-root-authentication-method=socket
    "--auth-root-socket-user=$(id -un)"
)
# MariaDB runs as whoever runs this script; mariadbd wants root said out loud.
if ((EUID == 0)); then
    maria_install_args+=(--user=root)
fi

# Locale C.UTF-8 always exists on Debian and avoids depending on $LANG.
as_pg "$pg_bin/initdb" -D "$POOLSCOPE_TEST_POSTGRES_DATA" -U postgres \
    --auth-host=scram-sha-256 --auth-local=trust \
    -E UTF8 --locale=C.UTF-8 --no-sync \
    >"$pg_dir/initdb.log" 2>&1 &
init_pids+=($!)
mariadb-install-db "${maria_install_args[@]}" >"$maria_dir/install-db.log" 2>&1 &
init_pids+=($!)

pg_init_rc=0
wait "${init_pids[0]}" || pg_init_rc=$?
maria_init_rc=0
wait "${init_pids[1]}" || maria_init_rc=$?
init_pids=()
if ((pg_init_rc != 0)); then
    tail -n 30 "$pg_dir/initdb.log" >&2
    fail "initdb failed"
fi
if ((maria_init_rc != 0)); then
    # The cause comes before ~25 lines of boilerplate advice.
    tail -n 50 "$maria_dir/install-db.log" >&2
    fail "mariadb-install-db failed"
fi

# --- PostgreSQL ---------------------------------------------------------------

# Settings go into postgresql.conf so postgres-ctl.sh restarts keep them.
cat >>"$POOLSCOPE_TEST_POSTGRES_DATA/postgresql.conf" <<EOF

# poolscope test server: local only, throwaway data
listen_addresses = '127.0.0.1'
unix_socket_directories = '$pg_dir'
max_connections = $POOLSCOPE_TEST_MAX_CONNECTIONS
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

for attempt in 1 2 3 4 5; do
    POOLSCOPE_TEST_POSTGRES_PORT=$(free_port)
    export POOLSCOPE_TEST_POSTGRES_PORT
    # The last "port" line in postgresql.conf wins.
    echo "port = $POOLSCOPE_TEST_POSTGRES_PORT" >>"$POOLSCOPE_TEST_POSTGRES_DATA/postgresql.conf"
    rc=0
    "$POOLSCOPE_TEST_POSTGRES_CTL" start || rc=$?
    ((rc == 75 && attempt < 5)) || break
done
((rc == 0)) || fail "PostgreSQL did not start"

pg_psql=("$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$pg_dir"
    -p "$POOLSCOPE_TEST_POSTGRES_PORT" -U postgres -d postgres)
"${pg_psql[@]}" >/dev/null <<EOF || fail "could not create the PostgreSQL role and database"
CREATE ROLE $user LOGIN SUPERUSER PASSWORD '$password';
CREATE DATABASE $database OWNER $user;
EOF
pg_version=$("${pg_psql[@]}" -At -c 'SHOW server_version')
export POOLSCOPE_TEST_POSTGRES_URL="postgresql://$user:$password@127.0.0.1:$POOLSCOPE_TEST_POSTGRES_PORT/$database"
say "PostgreSQL $pg_version up on 127.0.0.1:$POOLSCOPE_TEST_POSTGRES_PORT"

# --- PgBouncer in front of PostgreSQL ------------------------------------------

# One pooler, two databases that reach the test database: poolscope_session in
# session mode, poolscope_transaction in transaction mode. Its admin console
# (database pgbouncer) has an admin and a stats-only user. It runs as the
# account PostgreSQL runs as (it refuses root), from a folder inside
# PostgreSQL's, so it is removed with it.
bouncer_dir=$pg_dir/pgbouncer
mkdir "$bouncer_dir"
export POOLSCOPE_TEST_PGBOUNCER_DIR=$bouncer_dir
printf '"%s" "%s"\n' "$user" "$password" poolscope_admin "$password" \
    poolscope_stats "$password" >"$bouncer_dir/userlist.txt"
if ((EUID == 0)); then
    chown -R postgres: "$bouncer_dir"
fi
bouncer_started=0
for attempt in 1 2 3 4 5; do
    POOLSCOPE_TEST_PGBOUNCER_PORT=$(free_port)
    export POOLSCOPE_TEST_PGBOUNCER_PORT
    as_pg tee "$bouncer_dir/pgbouncer.ini" >/dev/null <<EOF
[databases]
poolscope_session = host=127.0.0.1 port=$POOLSCOPE_TEST_POSTGRES_PORT dbname=$database pool_mode=session
poolscope_transaction = host=127.0.0.1 port=$POOLSCOPE_TEST_POSTGRES_PORT dbname=$database pool_mode=transaction

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $POOLSCOPE_TEST_PGBOUNCER_PORT
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $bouncer_dir/userlist.txt
admin_users = poolscope_admin
stats_users = poolscope_stats
pool_mode = session
default_pool_size = 5
max_client_conn = 100
logfile = $bouncer_dir/pgbouncer.log
pidfile = $bouncer_dir/pgbouncer.pid
EOF
    as_pg pgbouncer -d -q "$bouncer_dir/pgbouncer.ini" || true
    # -d returns before it listens: wait for its admin console to answer.
    for _ in $(seq 50); do
        if PGPASSWORD=$password "$pg_bin/psql" -X -q -At -h 127.0.0.1 \
            -p "$POOLSCOPE_TEST_PGBOUNCER_PORT" -U poolscope_admin -d pgbouncer \
            -c 'SHOW VERSION' >/dev/null 2>&1; then
            bouncer_started=1
            break
        fi
        sleep 0.1
    done
    ((bouncer_started)) && break
    # Most likely its port was taken: stop what may run, try another.
    if [[ -s $bouncer_dir/pgbouncer.pid ]]; then
        kill -KILL "$(cat "$bouncer_dir/pgbouncer.pid")" 2>/dev/null || true
    fi
done
if ((!bouncer_started)); then
    tail -n 20 "$bouncer_dir/pgbouncer.log" >&2 || true
    fail "PgBouncer did not start"
fi
bouncer_at=127.0.0.1:$POOLSCOPE_TEST_PGBOUNCER_PORT
export POOLSCOPE_TEST_PGBOUNCER_URL="postgresql://poolscope_admin:$password@$bouncer_at/pgbouncer"
export POOLSCOPE_TEST_PGBOUNCER_STATS_URL="postgresql://poolscope_stats:$password@$bouncer_at/pgbouncer"
export POOLSCOPE_TEST_PGBOUNCER_SESSION_URL="postgresql://$user:$password@$bouncer_at/poolscope_session"
export POOLSCOPE_TEST_PGBOUNCER_TRANSACTION_URL="postgresql://$user:$password@$bouncer_at/poolscope_transaction"
say "PgBouncer $(pgbouncer --version | head -n 1 | cut -d' ' -f2) up on $bouncer_at"

# --- MariaDB ------------------------------------------------------------------

for attempt in 1 2 3 4 5; do
    POOLSCOPE_TEST_MARIADB_PORT=$(free_port)
    export POOLSCOPE_TEST_MARIADB_PORT
    rc=0
    "$POOLSCOPE_TEST_MARIADB_CTL" start || rc=$?
    ((rc == 75 && attempt < 5)) || break
done
((rc == 0)) || fail "MariaDB did not start"

maria_client=(mariadb --no-defaults -S "$POOLSCOPE_TEST_MARIADB_SOCKET" -u"$(id -un)")
# ALL PRIVILEGES includes PROCESS and CONNECTION ADMIN: the tests list and
# KILL other users' threads and read INNODB_TRX.
"${maria_client[@]}" <<EOF || fail "could not create the MariaDB user and database"
CREATE USER '$user'@'127.0.0.1' IDENTIFIED BY '$password';
CREATE USER '$user'@'localhost' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON *.* TO '$user'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO '$user'@'localhost' WITH GRANT OPTION;
CREATE DATABASE $database;
EOF
maria_version=$("${maria_client[@]}" -N -B -e 'SELECT VERSION()')
export POOLSCOPE_TEST_MARIADB_URL="mysql://$user:$password@127.0.0.1:$POOLSCOPE_TEST_MARIADB_PORT/$database"
say "MariaDB $maria_version up on 127.0.0.1:$POOLSCOPE_TEST_MARIADB_PORT"

# --- the command --------------------------------------------------------------

export POOLSCOPE_TEST_SERVERS_REQUIRED=1

# Run CMD in the background and wait, so a TERM sent only to this script is
# handled at once (bash defers traps while a foreground child runs). Without
# job control a background job would get /dev/null as stdin and ignore
# SIGINT; <&0 (when stdin is open at all) and env --default-signal undo both.
# shellcheck disable=SC2317  # only reached through traps
forward() {
    if ((++signals > 1)); then
        kill -KILL "$child" 2>/dev/null || true
    else
        kill "-$1" "$child" 2>/dev/null || true
    fi
}
if { true <&0; } 2>/dev/null; then
    env --default-signal=INT,QUIT "$@" <&0 &
else
    env --default-signal=INT,QUIT "$@" &
fi
child=$!
trap 'forward INT' INT
trap 'forward TERM' TERM

# wait returns early (128+signal) when a trapped signal arrives, so repeat
# until the child is gone. No extra wait afterwards: for a child reaped during
# the trap, bash 5.2 sometimes reports -1 there instead of its status.
rc=0
wait "$child" || rc=$?
while kill -0 "$child" 2>/dev/null; do
    rc=0
    wait "$child" || rc=$?
done
exit "$rc"
