# ps, pidof, kill and top through /proc: a background sleep found by its
# pid, its parent and its name; only this script's own processes are
# printed (the build machine has others).
sleep 30 &
bg=$!
# Until the child has become sleep (its fork runs the shell for a moment).
n=0
while [ "$(cat /proc/$bg/comm 2>/dev/null)" != sleep ] && [ $n -lt 100 ]; do
	sleep 0.1
	n=$((n + 1))
done
echo "comm: $(cat /proc/$bg/comm)"
ps -o pid,ppid,stat,comm | awk -v bg=$bg -v me=$$ '
	$1 == bg { print "ps: sleep, child of", ($2 == me ? "the shell" : $2), "state", $3, "command", $4 }'
ps -o pid,args | awk -v bg=$bg '$1 == bg { $1 = ""; print "ps args:" $0 }'
for p in $(pidof sleep); do
	[ "$p" = "$bg" ] && echo "pidof sleep: finds it"
done
pidof nosuchprogram || echo "pidof nosuchprogram: status $?"
cut -d' ' -f3-5 /proc/$bg/stat | { read state ppid pgrp; echo "stat: state $state, parent is the shell: $([ $ppid = $$ ] && echo yes)"; }
tr '\0' ' ' < /proc/$bg/cmdline; echo
kill $(for p in $(pidof sleep); do [ "$p" = "$bg" ] && echo $p; done)
wait $bg 2>/dev/null
echo "killed: status $?"
[ -e /proc/$bg ] || echo "gone from /proc once collected"
ps -o pid | awk -v bg=$bg '$1 == bg' | grep -q . || echo "gone from ps"
ps | head -1
ps -o pid,ppid,comm | head -1
top -b -n 1 | head -1 | cut -d: -f1
top -b -n 1 | sed -n 2p | cut -c1-4
top -b -n 1 | sed -n 3p | cut -d: -f1
