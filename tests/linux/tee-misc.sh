# tee, basename, dirname, cat -n, rev, nl, yes, seq into fold.
echo "to two files" | tee one two > /dev/null
cat one two
echo "appended" | tee -a one
cat one
basename /usr/local/bin/tool
basename /usr/local/file.tar.gz .gz
basename /
dirname /usr/local/bin/tool
dirname file
dirname /
printf 'x\ny\n' | cat -n
echo "hello" | rev
printf 'a\n\nb\n' | nl -b a
yes no | head -n 2
echo "abcdefghij" | fold -w 4
printf 'a\tb\n' | expand -t 4 | od -c | head -n 1
