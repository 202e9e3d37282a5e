# Symlinks through cp -a, cp -P, cp -L, mv, rm -r and touch -h.
mkdir d
echo data > d/file
ln -s file d/link
ln -s d dlink
cp -a d copy
readlink copy/link
cat copy/link
cp -P d/link plink
readlink plink
cp -L d/link llink
[ -L llink ] || echo "cp -L copied the file: $(cat llink)"
mv d/link d/moved
readlink d/moved
rm -r dlink
[ -d d ] && echo "rm -r of a link keeps the directory"
touch -h -d '2005-05-05 05:05:05' d/moved
stat -c '%Y %F' d/moved
stat -c '%Y' d/file | grep -c 1115269505
find copy -type l
