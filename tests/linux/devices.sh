# /dev/null, /dev/zero, /dev/full, /dev/urandom and tty on a file.
head -c 100 /dev/urandom | wc -c
dd if=/dev/urandom bs=16 count=4 2>/dev/null | wc -c
a=$(head -c 16 /dev/urandom | md5sum)
b=$(head -c 16 /dev/urandom | md5sum)
[ "$a" != "$b" ] && echo "two random reads differ"
head -c 8 /dev/zero | od -An -tx1
echo discard > /dev/null; echo "null: $?"
wc -c < /dev/null
printf x > /dev/full; echo "full: $?"
tty; echo "tty on a file: $?"
[ -t 1 ] || echo "stdout is not a terminal"
[ -c /dev/null ] && echo "/dev/null is a character device"
