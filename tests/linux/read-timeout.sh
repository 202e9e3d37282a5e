# read -t waits with a timeout (poll on a pipe); sleep in the writer.
{ sleep 0.3; echo late; } | { read -t 5 v; echo "read within 5 s: $v"; }
{ sleep 2; echo never; } | { read -t 0.2 v; echo "timed out: $? [$v]"; }
echo ready | { read -t 1 v; echo "ready: $v"; }
: | { read -t 1 v; echo "end of input: $?"; }
