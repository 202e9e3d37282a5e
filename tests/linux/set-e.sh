# set -e: a failure ends the script, except where the shell tests it.
set -e
false || echo "|| keeps going"
if false; then :; else echo "if keeps going"; fi
! true
echo "! true does not end it"
(false; echo "never printed") || echo "subshell failed: $?"
x=$(false) || echo "assignment failed"
f() { false; echo "never"; }
f || echo "function failed"
echo "now it ends"
sh -c 'set -e; echo inner; false; echo not reached' || echo "inner exit: $?"
cat nosuch-file
echo "not reached"
