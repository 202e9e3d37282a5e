# More data than a pipe holds, through a chain of processes.
seq 1 100000 | md5sum
seq 1 100000 | cat | cat | wc -c
seq 1 50000 | sort -rn | head -n 3
dd if=/dev/zero bs=4096 count=100 2>/dev/null | tr '\0' 'z' | wc -c
