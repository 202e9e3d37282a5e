# SIGSTOP and SIGCONT on a background job; wait after it goes on.
: > out
sh -c 'sleep 0.5; echo "finished after CONT"' >> out &
pid=$!
kill -STOP $pid
sleep 0.8
echo "while stopped: $(cat out)"
kill -CONT $pid
wait $pid
echo "wait: $?"
cat out
sleep 10 &
pid=$!
kill -STOP $pid
kill -TERM $pid
kill -CONT $pid
wait $pid
echo "TERM while stopped, then CONT: $?"
