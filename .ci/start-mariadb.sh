#!/usr/bin/env bash
# Installs (if needed) and starts MariaDB from Debian's packages, non-interactively and idempotently, and
# lets root connect over TCP from 127.0.0.1 with an empty password, for the test databases only.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if ! command -v mariadbd >/dev/null 2>&1 && [[ ! -x /usr/sbin/mariadbd ]]; then
  apt-get update -qq
  apt-get install -y -qq mariadb-server >/dev/null
fi
mkdir -p /run/mysqld
chown mysql:mysql /run/mysqld 2>/dev/null || true

start() {
  # skip-name-resolve: a TCP login from 127.0.0.1 matches 'root'@'127.0.0.1', never the socket-only 'root'@'localhost'.
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql --bind-address=127.0.0.1 --port=3306 --skip-name-resolve
  for _ in $(seq 1 60); do
    mariadb-admin ping >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "MariaDB did not start" >&2
  return 1
}

mariadb-admin ping >/dev/null 2>&1 || start
mariadb -uroot <<'SQL'
CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';
GRANT ALL PRIVILEGES ON `ocop\_test%`.* TO 'root'@'127.0.0.1';
FLUSH PRIVILEGES;
SQL
if ! mariadb -h127.0.0.1 -P3306 -uroot -e "SELECT 1" >/dev/null 2>&1; then
  # A server started by the package resolves names: restart it our way.
  mariadb-admin -uroot shutdown
  for _ in $(seq 1 30); do mariadb-admin ping >/dev/null 2>&1 || break; sleep 1; done
  start
fi
echo "MariaDB is up on 127.0.0.1:3306"
