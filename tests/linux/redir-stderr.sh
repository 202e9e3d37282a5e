# 2>&1, 2>/dev/null, >&2 and their order.
echo to-stdout
echo to-stderr >&2
ls nosuch-file
echo "ls: $?"
ls nosuch-file 2>/dev/null
echo "quiet: $?"
ls nosuch-file 2>&1 | tr a-z A-Z
{ echo out; echo err >&2; } 2>&1 >/dev/null | sed 's/^/piped: /'
{ echo out; echo err >&2; } > both 2>&1
cat both
{ echo out; echo err >&2; } 2> errs
echo "errs has: $(cat errs)"
