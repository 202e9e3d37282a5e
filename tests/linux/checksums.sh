# md5sum, sha1sum, sha256sum, sha512sum and cksum of generated data; -c.
printf '' | md5sum
echo hello | md5sum
seq 1 1000 > data
md5sum data
sha1sum data
sha256sum data
sha512sum data | cut -c1-64
dd if=/dev/zero bs=65536 count=16 2>/dev/null | sha256sum
md5sum data > sums
md5sum -c sums
echo changed >> data
md5sum -c sums; echo "check after change: $?"
