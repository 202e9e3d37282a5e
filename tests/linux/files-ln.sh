# ln -s and hard links; readlink; link counts; dangling links.
echo target > t
ln -s t sym
cat sym
readlink sym
ln t hard
stat -c '%h %n' t hard
echo more >> hard
cat t
rm t
cat hard
cat sym; echo "dangling: $?"
[ -L sym ] && echo "sym is a link"
[ -e sym ] || echo "sym points nowhere"
ln -s /nonexistent/path abs
readlink abs
mkdir dir
ln -s dir dlink
touch dlink/inside
ls dir
ln -sf hard sym
cat sym
ln hard hard; echo "ln onto itself: $?"
stat -c '%F' sym dir hard
