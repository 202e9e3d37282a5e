# Background pipelines and commands writing their own files.
seq 1 5 | sed 's/^/n/' > one.out &
seq 6 10 | awk '{ s += $1 } END { print "sum", s }' > two.out &
{ echo brace; echo group; } > three.out &
wait
cat one.out two.out three.out
(sleep 0.2; echo late > late.out) &
wait
cat late.out
