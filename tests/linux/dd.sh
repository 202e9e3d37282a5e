# dd: bs and count from /dev/zero, skip and seek, conv=notrunc.
dd if=/dev/zero of=zeros bs=512 count=8 2>/dev/null
stat -c '%s' zeros
od -A d -t x1 zeros | head -n 3
dd if=/dev/zero bs=1k count=3 2>/dev/null | wc -c
seq 1 100 > nums
dd if=nums bs=1 skip=10 count=8 2>/dev/null; echo
dd if=/dev/zero of=f bs=1 count=10 2>/dev/null
printf 'XY' | dd of=f bs=1 seek=4 conv=notrunc 2>/dev/null
od -c f | head -n 1
printf 'abcdef' | dd bs=2 count=2 2>/dev/null; echo
dd if=/dev/zero of=sparse bs=1 count=1 seek=100000 2>/dev/null
stat -c '%s' sparse
md5sum sparse
dd if=nosuch of=x 2>&1; echo "missing: $?"
