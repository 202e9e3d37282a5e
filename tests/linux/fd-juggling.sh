# Descriptors swapped and saved: stderr into a pipe, stdout kept.
f() { echo "to stdout"; echo "to stderr" >&2; }
exec 3>&1
err=$(f 2>&1 1>&3 3>&-)
echo "captured stderr: $err"
out=$(f 2>/dev/null)
echo "captured stdout: $out"
exec 4>saved
echo "to 4" >&4
exec 4>&-
cat saved
{ echo a; echo b >&2; } 2>&1 | sort
exec 5<&0
exec 0</dev/null
read x; echo "read from null: $?"
exec 0<&5 5<&-
