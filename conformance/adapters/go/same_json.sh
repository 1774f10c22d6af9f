#!/bin/bash
# same_json.sh A B: exit 0 when the two files hold the same JSON value, else say how they differ.
set -euo pipefail
[[ $# -eq 2 ]] || { echo "usage: $0 A.json B.json" >&2; exit 2; }
exec python3 - "$1" "$2" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
if a != b:
    sys.exit("%s and %s differ:\n  %s\n  %s" % (sys.argv[1], sys.argv[2], json.dumps(a, sort_keys=True), json.dumps(b, sort_keys=True)))
PY
