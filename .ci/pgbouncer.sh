#!/usr/bin/env bash
# Starts PgBouncer in transaction mode on 127.0.0.1:6432 in front of the local PostgreSQL (127.0.0.1:5432), for the
# pooler-mode tests of the lambda-adapter module. Idempotent: does nothing when something already listens on 6432.
# Installs Debian's pgbouncer when absent and we may (root with apt-get). Config and log go to a temporary directory.
set -euo pipefail
port="${PGBOUNCER_PORT:-6432}"
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }
if listening; then
  exit 0
fi
if ! command -v pgbouncer >/dev/null 2>&1 && [ ! -x /usr/sbin/pgbouncer ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y pgbouncer >/dev/null
  else
    echo "pgbouncer: not installed and cannot install it" >&2
    exit 1
  fi
fi
bin=$(command -v pgbouncer || echo /usr/sbin/pgbouncer)
dir=$(mktemp -d /tmp/resequel-pgbouncer-XXXXXX)
cat > "$dir/pgbouncer.ini" <<INI
[databases]
; every database name goes to the local server, always as postgres (auth_type any ignores the client's user)
* = host=127.0.0.1 port=5432 user=postgres
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = any
pool_mode = transaction
default_pool_size = 4
max_client_conn = 500
; r2dbc-postgresql sends these at startup; PgBouncer refuses unknown startup parameters unless told to ignore them
ignore_startup_parameters = extra_float_digits,options,search_path
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI
user_opt=()
if [ "$(id -u)" = 0 ]; then
  # PgBouncer refuses to run as root
  chown -R postgres "$dir" 2>/dev/null || chmod -R a+rwX "$dir"
  user_opt=(-u postgres)
fi
"$bin" -d "${user_opt[@]}" "$dir/pgbouncer.ini"
for _ in $(seq 1 50); do
  if listening; then
    echo "pgbouncer: listening on 127.0.0.1:$port (config and log in $dir)"
    exit 0
  fi
  sleep 0.1
done
echo "pgbouncer: did not start; log:" >&2
cat "$dir/pgbouncer.log" >&2 || true
exit 1
