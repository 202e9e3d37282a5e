# truncate, mktemp, cat of many files, and head/tail into parts.
printf 'abcdefghij' > f
truncate -s 4 f
cat f; echo
truncate -s 8 f
od -c f | head -n 1
seq 1 10 > ten
head -n 4 ten > part.aa
tail -n +5 ten | head -n 4 > part.ab
ls part.* | sort
cat part.ab | tr '\n' ' '; echo
cp ten copied && chmod 640 copied
stat -c '%a %s' copied
mkdir -p -m 711 made/deep
stat -c '%a' made/deep made
t=$(mktemp tmp.XXXXXX)
[ -f "$t" ] && echo "mktemp made a file"
stat -c '%a' "$t"
td=$(mktemp -d dir.XXXXXX)
[ -d "$td" ] && echo "mktemp -d made a directory"
cat ten f ten | wc -l
