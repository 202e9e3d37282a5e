# Background jobs write their own files; wait, then print in order.
for i in 3 1 2; do
	(sleep 0.$i; echo "job $i done") > job$i.out &
done
wait
cat job1.out job2.out job3.out
(exit 7) &
p7=$!
(exit 9) &
p9=$!
wait $p9
echo "second: $?"
wait $p7
echo "first: $?"
wait
echo "wait with no jobs: $?"
true &
wait $!
echo "true: $?"
