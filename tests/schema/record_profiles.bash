#!/usr/bin/env bash
# Stands in for triplydb-profile while the end-to-end suites run: keeps a copy of the profiles file
# from before and after every run in $TRIPLYDB_SCHEMA_SNAPSHOTS, so each can be checked against the schema.
file=${TRIPLYDB_PROFILES:-${XDG_CONFIG_HOME:-$HOME/.config}/triplydb/profiles.yaml}
run=$(mktemp "$TRIPLYDB_SCHEMA_SNAPSHOTS/run.XXXXXX")
[ -f "$file" ] && cp "$file" "$run.before"
"$TRIPLYDB_SCHEMA_PROGRAM" "$@"
status=$?
[ -f "$file" ] && cp "$file" "$run.after"
exit "$status"
