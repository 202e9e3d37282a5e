# A file of several MiB: written, copied, read, hashed, truncated.
dd if=/dev/zero bs=65536 count=128 2>/dev/null | tr '\0' 'a' > big
stat -c %s big
md5sum big
cp big copy
cmp big copy && echo "copy equal"
seq 1 400000 > nums
wc -l < nums
tail -n 1 nums
sha256sum nums
: > big
stat -c %s big
rm copy nums
