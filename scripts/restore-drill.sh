#!/usr/bin/env bash
# Restore drill (docs/operations.md): back up a database, check the file, restore it into a new database, back that
# up again and compare the two files (apart from when and on which engine each was made), and verify the audit log of
# the restored copy. Exits non-zero at the first difference. Writes only into a temp folder (or DRILL_DIR).
#
#   scripts/restore-drill.sh                  a throwaway database with the example data (CI)
#   scripts/restore-drill.sh data/ecoplan.db  a live deployment's database (the server may keep running)
#   scripts/restore-drill.sh postgres://…     a live PostgreSQL deployment (its audit keys in ECOPLAN_AUDIT_KEYS)
#   DRILL_TARGET=postgres://…  restore into that empty PostgreSQL database instead of a new SQLite file; the drill
#                              then also restores the PostgreSQL copy's backup into a new SQLite file: both directions
set -euo pipefail
cd "$(dirname "$0")/.."
ecoplan() { node bin/ecoplan.js "$@"; }
[ -f dist/cli/main.js ] || npm run build:server >/dev/null
is_pg() { [[ "$1" =~ ^postgres(ql)?:// ]]; }

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

# The audit keys are not in backups: the drill brings them along, as an operator restoring would. A PostgreSQL
# database has no file beside it: a SQLite source's key file is handed over as ECOPLAN_AUDIT_KEYS (current key last).
if [ -z "${ECOPLAN_AUDIT_KEYS:-}" ] && ! is_pg "$source_db" && [ -f "$source_db.audit-keys.json" ]; then
  if is_pg "$target"; then
    ECOPLAN_AUDIT_KEYS="$(node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); const ks = [...r.keys.filter((k) => k.id !== r.current), ...r.keys.filter((k) => k.id === r.current)]; console.log(ks.map((k) => `${k.id}:${k.secret}`).join(","))' "$source_db.audit-keys.json")"
    export ECOPLAN_AUDIT_KEYS
  else
    cp "$source_db.audit-keys.json" "$target.audit-keys.json"
  fi
fi

echo "1. backup $(is_pg "$source_db" && echo "${source_db%%@*}@…" || echo "$source_db")"
ecoplan backup --db "$source_db" --out "$work/first.ndjson.gz"
echo "2. check the file"
ecoplan restore "$work/first.ndjson.gz" --check
echo "3. restore into $(is_pg "$target" && echo "PostgreSQL ${target##*@}" || echo "$target")"
ecoplan restore "$work/first.ndjson.gz" --db "$target"

strip() { gzip -dc "$1" | sed -e 's/"createdAt":"[^"]*"//' -e 's/"backend":"[a-z]*"//'; }
compare() {
  if ! cmp -s <(strip "$1") <(strip "$2"); then
    echo "✘ 恢复后的数据库与备份不同 / the restored database differs from the backup:" >&2
    diff <(strip "$1") <(strip "$2") | head -20 >&2
    exit 1
  fi
}
echo "4. back up the restored copy and compare"
ecoplan backup --db "$target" --out "$work/second.ndjson.gz" >/dev/null
compare "$work/first.ndjson.gz" "$work/second.ndjson.gz"
echo "✔ 两次备份逐表一致 / both backups hold the same rows, table by table"
echo "5. verify the audit log of the restored copy"
ecoplan audit verify --db "$target"
if is_pg "$target"; then
  echo "6. restore the PostgreSQL copy's backup into a new SQLite file, back it up and compare"
  back="$work/back.db"
  ecoplan restore "$work/second.ndjson.gz" --db "$back" >/dev/null
  ecoplan backup --db "$back" --out "$work/third.ndjson.gz" >/dev/null
  compare "$work/first.ndjson.gz" "$work/third.ndjson.gz"
  ecoplan audit verify --db "$back" >/dev/null
  echo "✔ SQLite → PostgreSQL → SQLite：逐表一致，审计日志完整 / every table the same both ways, audit log intact"
fi
echo "✔ 恢复演练通过 / restore drill passed"
if [ -z "${DRILL_DIR:-}" ]; then rm -rf "$work"; fi
