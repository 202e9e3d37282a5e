#!/bin/sh
# The stress run (tests/run.py, group `stress`), run by busybox sh as an
# init= program, twice: with "small" first (a warm-up, so that whatever
# the kernel keeps once it has been needed is counted before), then in
# full. After each the kernel prints its free pages: the two must match.
#
# Full: 200 pipelines of five processes each, all started before the
# first is waited for, then 10^4 forks and execs of a small tool.
if [ "$1" = small ]; then pipes=20 execs=100; else pipes=200 execs=10000; fi
cd /tmp || exit 1
i=0
while [ $i -lt $pipes ]; do
	seq 300 | sort -r | uniq | sort -n | wc -l > out.$i &
	i=$((i + 1))
done
wait
bad=0
i=0
while [ $i -lt $pipes ]; do
	read -r n < out.$i
	[ "$n" = 300 ] || bad=$((bad + 1))
	rm out.$i
	i=$((i + 1))
done
echo "stress: $pipes pipelines of 5, $bad wrong"
i=0
while [ $i -lt $execs ]; do
	/bin/true || bad=$((bad + 1))
	i=$((i + 1))
done
echo "stress: $execs forks and execs of /bin/true"
exit $bad
