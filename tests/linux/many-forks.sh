# Many short processes in a row: pipes, applets and subshells.
n=0
for i in $(seq 1 100); do
	r=$(echo $i | cat | tr 0-9 a-j)
	n=$((n + ${#r}))
done
echo "characters: $n"
for i in $(seq 1 50); do (exit $((i % 7))); done; echo "last: $?"
i=0
while [ $i -lt 100 ]; do i=$(expr $i + 1); done
echo "counted to $i"
seq 1 200 | while read l; do echo $l | md5sum; done | sort -u | wc -l
