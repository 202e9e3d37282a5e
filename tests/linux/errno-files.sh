# The errors of file operations, as the tools report them (errno texts).
mkdir d
touch f
touch nodir/x; echo "ENOENT: $?"
touch f/x; echo "ENOTDIR: $?"
mkdir a/b/c; echo "mkdir without -p: $?"
mkdir d; echo "EEXIST: $?"
cat d; echo "EISDIR read: $?"
echo x > d; echo "EISDIR write: $?"
cd f; echo "cd a file: $?"
rmdir f; echo "rmdir a file: $?"
mv d d/inside; echo "into itself: $?"
ln -s f f; echo "ln -s existing: $?"
ln -s loop1 loop2; ln -s loop2 loop1
cat loop1; echo "ELOOP: $?"
long=$(printf '%0300d' 0)
touch $long; echo "ENAMETOOLONG: $?"
rm d; echo "rm a directory: $?"
echo data > /dev/full; echo "ENOSPC: $?"
cat /dev/null; echo "/dev/null: $?"
head -c 4 /dev/zero | od -An -tx1
ls nosuch 2>&1; echo "ls missing: $?"
