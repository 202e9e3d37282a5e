# sleep, timeout and the statuses they end with.
sleep 0.1; echo "sleep: $?"
sleep 0; echo "sleep 0: $?"
timeout 1 sleep 0.1; echo "in time: $?"
timeout 1 sleep 5; echo "timed out: $?"
timeout -s KILL 1 sleep 5; echo "timed out with KILL: $?"
timeout 1 sh -c 'exit 3'; echo "its own status: $?"
sleep x; echo "bad argument: $?"
