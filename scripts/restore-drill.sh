#!/usr/bin/env bash
# Restore drill (docs/operations.md): back up a database, check the file, restore it into a new database, back that
# up again and compare the two files (apart from when each was made), and verify the audit log of the restored copy.
# Exits non-zero at the first difference. Writes only into a temp folder (or DRILL_DIR).
#
#   scripts/restore-drill.sh                 a throwaway database with the example data (CI)
#   scripts/restore-drill.sh data/ecoplan.db  a live deployment's database (the server may keep running)
#   DRILL_TARGET=postgres://…  restore into that database instead of a new SQLite file  (PENDING: PostgreSQL support)
set -euo pipefail
cd "$(dirname "$0")/.."
ecoplan() { node bin/ecoplan.js "$@"; }
[ -f dist/cli/main.js ] || npm run build:server >/dev/null

work="${DRILL_DIR:-$(mktemp -d -t ecoplan-drill-XXXXXX)}"
mkdir -p "$work"
source_db="${1:-}"
if [ -z "$source_db" ]; then
  source_db="$work/source.db"
  ecoplan demo load --db "$source_db" >/dev/null
  ecoplan demo monitoring --stations 2 --year 2024 --db "$source_db" >/dev/null
  ecoplan audit checkpoint --db "$source_db" >/dev/null
fi
target="${DRILL_TARGET:-$work/restored.db}"

echo "1. backup $source_db"
ecoplan backup --db "$source_db" --out "$work/first.ndjson.gz"
echo "2. check the file"
ecoplan restore "$work/first.ndjson.gz" --check
echo "3. restore into $target"
# The audit key file is not in backups: the drill brings it along, as an operator restoring would.
if [ -z "${DRILL_TARGET:-}" ] && [ -f "$source_db.audit-keys.json" ]; then cp "$source_db.audit-keys.json" "$target.audit-keys.json"; fi
ecoplan restore "$work/first.ndjson.gz" --db "$target"
echo "4. back up the restored copy and compare"
ecoplan backup --db "$target" --out "$work/second.ndjson.gz" >/dev/null
strip() { gzip -dc "$1" | sed -e 's/"createdAt":"[^"]*"//' -e 's/"backend":"[a-z]*"//'; }
if ! cmp -s <(strip "$work/first.ndjson.gz") <(strip "$work/second.ndjson.gz"); then
  echo "✘ 恢复后的数据库与备份不同 / the restored database differs from the backup:" >&2
  diff <(strip "$work/first.ndjson.gz") <(strip "$work/second.ndjson.gz") | head -20 >&2
  exit 1
fi
echo "✔ 两次备份逐表一致 / both backups hold the same rows, table by table"
echo "5. verify the audit log of the restored copy"
ecoplan audit verify --db "$target"
echo "✔ 恢复演练通过 / restore drill passed"
if [ -z "${DRILL_DIR:-}" ]; then rm -rf "$work"; fi
