#!/usr/bin/env bash
# The crate dependency rules of ARCHITECTURE.md, checked on the real dependency graph.
set -euo pipefail
cd "$(dirname "$0")/.."
fail=0
# deps CRATE [DEPTH]: the crate's normal dependencies, all of them or down to DEPTH.
deps() { cargo tree -e normal -p "$1" ${2:+--depth "$2"} --prefix none --format '{p}' 2>/dev/null | awk '{print $1}' | sort -u; }
forbid() { # CRATE REASON PATTERN...: nowhere in the crate's dependency graph
    check "" "$@"
}
forbid_direct() { # CRATE REASON PATTERN...: not among the crate's own dependencies
    check 1 "$@"
}
check() {
    local depth=$1 crate=$2 reason=$3; shift 3
    local found
    found=$(deps "$crate" "$depth" | grep -xE "$(IFS='|'; echo "$*")" || true)
    if [ -n "$found" ]; then
        echo "dependency rule broken: $crate must not depend on $(echo $found | tr '\n' ' ')($reason)"
        fail=1
    fi
}
pure='tokio|sqlx|sqlx-core|axum|anyhow|maud|askama|minijinja|tera|hyper|reqwest'
for c in solver xhstt domain scheduling; do forbid "$c" "pure crates take data, not I/O" "$pure"; done
forbid solver "the evaluator stays independent" 'xhstt|xhstt-bridge|domain|store|app|web|cli|interchange'
forbid xhstt "the evaluator stays independent" 'solver|xhstt-bridge|domain|store|app|web|cli|interchange'
forbid domain "domain depends on nothing in the workspace" 'solver|xhstt|xhstt-bridge|store|app|web|cli|interchange'
forbid xhstt-bridge "the bridge joins only solver and xhstt" 'domain|store|app|web|cli|interchange|tokio|sqlx'
forbid scheduling "the compile path is pure: domain and solver only" 'store|app|web|cli|interchange|xhstt|xhstt-bridge|tokio|sqlx|axum'
forbid store "store sees only domain" 'solver|xhstt|app|web|cli|interchange|axum'
forbid interchange "interchange sees only domain" 'solver|store|app|web|cli|axum|sqlx'
forbid app "app has no axum" 'axum|web|cli'
# web reaches the database only through app (which reaches it through store), so sqlx is in its
# graph; what the rule forbids is web using sqlx itself.
forbid_direct web "web has no sqlx" 'sqlx|sqlx-core'
forbid web "nothing depends on cli" 'cli'
[ $fail = 0 ] && echo "dependency rules: ok"
exit $fail
