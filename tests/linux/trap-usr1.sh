# A trap on USR1 runs when the shell signals itself.
count=0
trap 'count=$((count + 1)); echo "got USR1 ($count)"' USR1
kill -USR1 $$
kill -s USR1 $$
kill -10 $$
echo "count: $count"
trap - USR1
trap 'echo ignored' USR2
trap '' USR2
kill -USR2 $$
echo "USR2 ignored"
trap
