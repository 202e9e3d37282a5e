# kill %1 and kill $pid on background jobs; wait for their statuses.
sleep 10 &
kill %1
wait %1
echo "kill %1: $?"
sleep 10 &
p=$!
kill $p
wait $p
echo "kill \$pid: $?"
kill -0 $$
echo "kill -0 self: $?"
kill 2147483647
echo "kill missing: $?"
kill -s NOSUCH $$
echo "bad signal: $?"
kill -l 15
kill -l 9
