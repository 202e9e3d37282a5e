# Positional parameters: set --, shift, $#, "$@" and "$*".
set -- a "b c" d
echo "$# args"
for x in "$@"; do echo "[$x]"; done
for x in "$*"; do echo "[$x]"; done
for x in $*; do echo "<$x>"; done
shift
echo "after shift: $1, $#"
shift 2
echo "after shift 2: $#"
shift; echo "shift past end: $?"
set -- 1 2 3 4 5 6 7 8 9 10 11
echo "tenth: ${10} eleventh: ${11}"
IFS=:
echo "joined: $*"
IFS=' '
set --
echo "none: $#"
set -- x
echo "${1:-default} ${2:-default}"
