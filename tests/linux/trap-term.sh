# A background shell traps TERM; kill $pid reaches it; wait reports.
sh -c 'trap "echo child got TERM; exit 7" TERM; echo ready > ready; while :; do sleep 1; done' > child.out &
pid=$!
while [ ! -s ready ]; do sleep 0.1; done
kill $pid
wait $pid
echo "wait: $?"
cat child.out
sh -c 'sleep 5' &
pid=$!
kill -TERM $pid
wait $pid
echo "killed by TERM: $?"
sh -c 'sleep 5' &
kill -KILL $!
wait $!
echo "killed by KILL: $?"
