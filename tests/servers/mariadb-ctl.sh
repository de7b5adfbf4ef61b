#!/usr/bin/env bash
# stop|start|restart|kill|status the MariaDB server of the current
# with-servers.sh run, for fault-injection tests (and for with-servers.sh
# itself, so that a restarted server gets exactly the original command line).
# Exit 75 from start means "port already taken": the caller picks another one.
set -euo pipefail

# stop and kill need only the pid file, so that a server can always be ended.
need='not set: run this through tests/servers/with-servers.sh'
pid_file=${POOLSCOPE_TEST_MARIADB_PID_FILE:?$need}
socket=${POOLSCOPE_TEST_MARIADB_SOCKET:-}

# mariadb-install-db gave the OS user running with-servers.sh a unix_socket
# login with all privileges, so no password is needed on the socket.
admin=$(id -un)

server_pid() {
    local pid
    [[ -r $pid_file ]] || return 1
    read -r pid <"$pid_file" || return 1
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    echo "$pid"
}

# A zombie still answers kill -0; count it as gone (its parent, the start
# call, exited long ago and PID 1 may be slow to reap it).
# /proc instead of ps: procps is not in minimal Debian images.
alive() {
    local stat
    kill -0 "$1" 2>/dev/null || return 1
    stat=$(<"/proc/$1/stat") 2>/dev/null || return 1
    stat=${stat##*) }
    [[ $stat != Z* ]]
}

# timeout: a server stuck half-way (seen after a SIGTERM during its startup)
# accepts the socket connection but never answers.
answers() {
    timeout 5 mariadb --no-defaults --connect-timeout=3 -S "$socket" -u"$admin" \
        -e 'select 1' >/dev/null 2>&1
}

start() {
    local pid before i
    local data=${POOLSCOPE_TEST_MARIADB_DATA:?$need}
    local port=${POOLSCOPE_TEST_MARIADB_PORT:?$need}
    local log=${POOLSCOPE_TEST_MARIADB_LOG:?$need}
    local tmpdir=${POOLSCOPE_TEST_MARIADB_TMPDIR:?$need}
    : "${socket:?POOLSCOPE_TEST_MARIADB_SOCKET $need}"
    local server_args=(
        --no-defaults
        "--datadir=$data"
        "--socket=$socket"
        "--pid-file=$pid_file"
        --bind-address=127.0.0.1
        "--port=$port"
        --skip-name-resolve
        --innodb-buffer-pool-size=64M
        "--max-connections=${POOLSCOPE_TEST_MAX_CONNECTIONS:-300}"
        "--log-error=$log"
        "--tmpdir=$tmpdir"
        # LOAD DATA INFILE and SELECT ... INTO OUTFILE only inside this run's
        # folder: the server may run as root (README.md beside this file).
        "--secure-file-priv=$tmpdir"
        # Throwaway data: durability only costs time.
        --innodb-flush-log-at-trx-commit=0
        --innodb-doublewrite=0
        --skip-log-bin
        # --no-defaults would fall back to latin1; match a stock Debian server.
        --character-set-server=utf8mb4
        --collation-server=utf8mb4_general_ci
    )
    # mariadbd refuses to run as root unless told so.
    if ((EUID == 0)); then
        server_args+=(--user=root)
    fi

    if pid=$(server_pid) && alive "$pid"; then
        echo "mariadb-ctl: already running (pid $pid)" >&2
        return 1
    fi
    before=$(stat -c %s "$log" 2>/dev/null || echo 0)

    # setsid: a Ctrl-C meant for the test command must not reach the server;
    # with-servers.sh shuts it down in order instead.
    setsid /usr/sbin/mariadbd "${server_args[@]}" </dev/null >>"$log" 2>&1 &
    pid=$!
    # Written right away (mariadbd writes the same pid later) so that a
    # cleanup racing with a slow start still finds the process.
    echo "$pid" >"$pid_file"

    for ((i = 0; i < 600; i++)); do
        if answers; then
            return 0
        fi
        if ! alive "$pid"; then
            if [[ $(tail -c +$((before + 1)) "$log") == *"Address already in use"* ]]; then
                return 75
            fi
            break
        fi
        sleep 0.1
    done
    if alive "$pid"; then
        kill -KILL "$pid" 2>/dev/null || true
    fi
    echo "mariadb-ctl: MariaDB did not start; end of $log:" >&2
    tail -n 30 "$log" >&2
    return 1
}

wait_gone() {
    local i
    for ((i = 0; i < 600; i++)); do
        alive "$1" || return 0
        sleep 0.1
    done
    return 1
}

# SIGTERM is mariadbd's normal shutdown and needs no login. A SIGTERM that
# arrives early in startup can be lost or leave the server hung, hence the
# repeats and the SIGKILL fallback.
stop() {
    local pid i
    pid=$(server_pid) || return 0
    for ((i = 0; i < 300; i++)); do
        alive "$pid" || break
        if ((i % 20 == 0)); then
            kill -TERM "$pid" 2>/dev/null || true
        fi
        sleep 0.1
    done
    if alive "$pid"; then
        echo "mariadb-ctl: MariaDB (pid $pid) ignored shutdown for 30 s, killing it" >&2
        kill -KILL "$pid" 2>/dev/null || true
        wait_gone "$pid" || true
    fi
    rm -f "$pid_file"
}

# Abrupt end, like a crash or OOM kill.
kill_server() {
    local pid
    pid=$(server_pid) || return 0
    kill -KILL "$pid" 2>/dev/null || true
    wait_gone "$pid" || true
    rm -f "$pid_file"
}

case ${1:-} in
    start) start ;;
    stop) stop ;;
    kill) kill_server ;;
    restart)
        stop
        start
        ;;
    status) pid=$(server_pid) && alive "$pid" && answers ;;
    *)
        echo "usage: $0 stop|start|restart|kill|status" >&2
        exit 2
        ;;
esac
