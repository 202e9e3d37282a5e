# Many children at once, each with its own status.
for i in $(seq 1 20); do
	(exit $i) &
	eval "p$i=\$!"
done
sum=0
for i in $(seq 1 20); do
	eval "wait \$p$i"
	sum=$((sum + $?))
done
echo "sum of statuses: $sum"
