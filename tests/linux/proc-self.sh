# /proc/self and /proc/$$: the shell's own program, directory, descriptors
# and arguments, free and uptime's formats.
# The tree's root differs between the two sides: it is stripped.
root=$(cd ../../.. && pwd -P)
bin=$(cd ../../../bin && pwd -P)
here=$(pwd -P)
readlink /proc/self/exe | sed "s|^$bin/|BIN/|"
readlink /proc/$$/exe | sed "s|^$bin/|BIN/|"
readlink /proc/self | grep -c '^[0-9][0-9]*$'
[ "$(readlink /proc/$$/cwd)" = "$here" ] && echo "cwd: the working directory"
cd /proc/$$ && echo "cd /proc/\$\$: $(pwd | sed 's|[0-9][0-9]*|PID|')" && cd - >/dev/null
exec 3</dev/null 4>file 5<.
for fd in 3 4 5; do
	printf '%s -> %s\n' $fd "$(readlink /proc/$$/fd/$fd | sed "s|^$here|HERE|")"
done
# (a builtin test: a pipeline would put its own pipe among them)
for fd in 3 4 5; do [ -e /proc/$$/fd/$fd ] && echo "fd $fd: open"; done
echo hello > file
cat /proc/$$/fd/4 2>&1 || echo "a write-only link read through: $?"
cat /proc/self/fd/3 && echo "read through fd/3: empty"
rm file
readlink /proc/$$/fd/4 | sed "s|^$here|HERE|"
exec 3<&- 4>&- 5<&-
for fd in 3 4 5; do [ -e /proc/$$/fd/$fd ] || echo "fd $fd: closed"; done
tr '\0' '\n' < /proc/$$/cmdline | sed "s|^${root%/}/|ROOT/|"
# tr runs in a fork of the shell, without execve: the shell's arguments
tr '\0' ' ' < /proc/self/cmdline | sed "s|^${root%/}/|ROOT/|"; echo
cat /proc/self/comm
head -c 5 /proc/meminfo; echo
grep -c '^MemTotal: *[0-9]* kB$' /proc/meminfo
free | head -1
free | awk 'NR == 2 { print $1, ($2 > 0 && $4 > 0 && $2 >= $4) }'
free | wc -l
uptime | grep -c ' up .*load average: [0-9]*\.[0-9][0-9], '
sleep 1
awk '{ print "idle > 0:", ($2 > 0) }' /proc/uptime
[ -r /proc/meminfo ] && echo "meminfo is there: poweroff would signal init"
echo x > /proc/meminfo 2>&1 || echo "write meminfo: status $?"
mkdir /proc/x 2>&1 || echo "mkdir: status $?"
rm -f /proc/meminfo 2>&1 || echo "rm: status $?"
cat /proc/nosuch 2>&1 || echo "cat: status $?"
ls -ld /proc/self/fd | cut -c1-10
ls -l /proc/self/exe | cut -c1-10
ls -l /proc/meminfo | cut -c1-10
