# setsid, sync, fsync through dd, and uname's fixed fields.
setsid sh -c 'echo "in a new session"'
sync; echo "sync: $?"
dd if=/dev/zero of=f bs=1k count=4 conv=fsync 2>/dev/null; echo "dd fsync: $?"
stat -c %s f
uname -s -m
