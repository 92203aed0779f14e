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
if ! mariadb-admin ping --silent 2>/dev/null; then
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql --bind-address=127.0.0.1 --port=3306
fi
for _ in $(seq 1 60); do
  mariadb-admin ping --silent 2>/dev/null && break
  sleep 1
done
mariadb -uroot <<'SQL'
CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';
GRANT ALL PRIVILEGES ON `ocop\_test%`.* TO 'root'@'127.0.0.1';
FLUSH PRIVILEGES;
SQL
echo "MariaDB is up on 127.0.0.1:3306"
