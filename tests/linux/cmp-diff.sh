# cmp and diff of small files; comm of sorted ones.
printf 'line1\nline2\nline3\n' > a
printf 'line1\nLINE2\nline3\n' > b
cp a c
cmp a c; echo "same: $?"
cmp a b; echo "differ: $?"
cmp -s a b; echo "silent: $?"
cmp a nosuch; echo "missing: $?"
diff a c; echo "diff same: $?"
diff -U 0 a b | tail -n +3
echo "diff differ: $?"
