# A trapped signal interrupts wait: it returns 128 + the signal number.
trap 'echo "USR1 trapped"' USR1
# The sender waits for the go file, then half a second more, by which
# time the shell is long inside wait.
sh -c 'while [ ! -s go ]; do sleep 0.1; done; sleep 0.5; kill -USR1 $PPID' &
sleep 3 &
sleeper=$!
echo go > go
wait $sleeper
echo "wait interrupted: $?"
wait $sleeper
echo "waited again: $?"
