# if/elif/else, while, until, for, break and continue, nested loops.
for n in 1 2 3 4 5 6; do
	if [ $n -eq 1 ]; then echo "$n one"
	elif [ $((n % 2)) -eq 0 ]; then echo "$n even"
	else echo "$n odd"
	fi
done
i=0
while [ $i -lt 10 ]; do
	i=$((i + 1))
	[ $i -eq 3 ] && continue
	[ $i -eq 6 ] && break
	echo "while $i"
done
j=3
until [ $j -eq 0 ]; do echo "until $j"; j=$((j - 1)); done
for a in x y; do
	for b in 1 2 3; do
		[ $b -eq 2 ] && continue 2
		echo "$a$b"
	done
done
for a in p q; do for b in 1 2; do echo "$a$b"; break 2; done; done
for f in; do echo never; done
set -- one two
for arg; do echo "arg $arg"; done
while false; do :; done; echo "while false: $?"
if false; then :; fi; echo "if false: $?"
