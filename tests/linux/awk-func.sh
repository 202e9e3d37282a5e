# awk string functions and user functions.
awk 'BEGIN { s = "Hello, World"; print length(s), substr(s, 1, 5), index(s, "World") }'
awk 'BEGIN { print toupper("abc"), tolower("XYZ") }'
awk 'BEGIN { s = "aaa"; n = gsub(/a/, "b", s); print n, s }'
awk 'BEGIN { s = "foo bar foo"; sub(/foo/, "baz", s); print s }'
awk 'BEGIN { if (match("xxabcxx", /abc/)) print RSTART, RLENGTH }'
awk 'function fact(n) { return n <= 1 ? 1 : n * fact(n - 1) } BEGIN { print fact(10) }'
awk 'function max(a, b) { return a > b ? a : b } { print max($1, $2) }' <<EOT
3 9
12 4
EOT
awk 'BEGIN { x = sprintf("%03d-%s", 7, "z"); print x }'
awk 'BEGIN { print int(3.9), int(-3.9), 10 % 3 }'
printf 'l1\nl2\n' > f1
printf 'm1\n' > f2
awk '{ print FILENAME, FNR, NR }' f1 f2
awk 'BEGIN { while ((getline line < "f1") > 0) print "read", line }'
echo "a b c" | awk '{ for (i = NF; i > 0; i--) printf "%s%s", $i, (i > 1 ? " " : "\n") }'
