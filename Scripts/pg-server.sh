#!/usr/bin/env bash
# A throw-away PostgreSQL 15 server for the tests and the bench: initdb in a folder of
# its own, a loopback port, trust for local connections only, run as an unprivileged
# user (PostgreSQL refuses root: as root, Debian's `postgres` user runs it).
#
#   Scripts/pg-server.sh start FOLDER PORT   prints the server's address when it is up
#   Scripts/pg-server.sh stop FOLDER         stops it at once (immediate mode)
#   Scripts/pg-server.sh restart FOLDER PORT starts a stopped one again
#   Scripts/pg-server.sh stop-all            stops every server these scripts started
#                                            that is still running (make test's trap)
set -euo pipefail

ROOT_OF_SERVERS="${TMPDIR:-/tmp}/diplograph-postgres"

bin_dir() {
    local dir
    for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
        [[ -x "$dir/initdb" ]] && { echo "$dir"; return; }
    done
    echo "pg-server.sh: PostgreSQL's initdb was not found; install Debian's postgresql (make pg-deps)" >&2
    exit 1
}

# Runs a command as the server's user: ourselves, or `postgres` when we are root.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        su postgres -s /bin/bash -c "$(printf '%q ' "$@")"
    else
        "$@"
    fi
}

start() {
    local folder=$1 port=$2 bin
    bin=$(bin_dir)
    mkdir -p "$folder"
    if [[ $(id -u) -eq 0 ]]; then
        # The folder may sit in one of root's private temporary folders.
        chmod a+x "$(dirname "$folder")"
        chown postgres "$folder"
    fi
    as_owner "$bin/initdb" -D "$folder/data" -U diplograph -A trust -E UTF8 --locale=C.UTF-8 >"$folder/initdb.log" 2>&1 \
        || { cat "$folder/initdb.log" >&2; exit 1; }
    launch "$folder" "$port"
    mkdir -p "$ROOT_OF_SERVERS"
    ln -sfn "$folder" "$ROOT_OF_SERVERS/$port"
    echo "postgres://diplograph@127.0.0.1:$port/postgres"
}

# Starts the server of an initialized folder.
launch() {
    local folder=$1 port=$2 bin
    bin=$(bin_dir)
    # Loopback only, no Unix socket outside the folder; fsync off: the data is thrown away.
    as_owner "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 60 \
        -o "-h 127.0.0.1 -p $port -k $folder -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start </dev/null >"$folder/pg_ctl.log" 2>&1 || { cat "$folder/pg_ctl.log" "$folder/server.log" >&2; exit 1; }
}

stop() {
    local folder=$1 bin
    bin=$(bin_dir)
    [[ -f "$folder/data/postmaster.pid" ]] || return 0
    as_owner "$bin/pg_ctl" -D "$folder/data" -m immediate -w stop </dev/null >/dev/null 2>&1 || true
}

case "${1:-}" in
    start) start "$2" "$3" ;;
    restart) launch "$2" "$3" ;;
    stop) stop "$2" ;;
    stop-all)
        for link in "$ROOT_OF_SERVERS"/*; do
            [[ -L "$link" ]] || continue
            stop "$(readlink "$link")"
            rm -f "$link"
        done
        ;;
    *) echo "usage: pg-server.sh start FOLDER PORT | stop FOLDER | stop-all" >&2; exit 2 ;;
esac
