# rename: onto an empty directory, refused onto a full one, link counts.
mkdir a b c
touch a/file c/other
mv a b 2>&1; ls b
mv -T a b 2>&1; echo "mv -T onto empty: $?"
ls b
mkdir x
mv -T c b 2>&1; echo "onto a full one: $?"
echo one > f
ln f g
stat -c '%h' f
mv g h
stat -c '%h %n' f h
mv f h
stat -c '%h %n' h
ls
