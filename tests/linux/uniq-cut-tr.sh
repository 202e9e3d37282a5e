# uniq -c -d -u, cut -d -f -c, tr ranges, -d, -s, classes.
printf 'a\na\nb\nc\nc\nc\na\n' > letters
uniq letters | tr '\n' ' '; echo
uniq -c letters
sort letters | uniq -c
uniq -d letters
uniq -u letters
echo "root:x:0:0:root:/root:/bin/sh" | cut -d: -f1,6
echo "root:x:0:0:root:/root:/bin/sh" | cut -d: -f3-
echo "abcdefgh" | cut -c2-4
echo "abcdefgh" | cut -c1,3,5
printf 'a b c\n' | cut -d' ' -f2
echo "Hello World" | tr 'a-z' 'A-Z'
echo "Hello World" | tr -d 'lo'
echo "aaabbbccc" | tr -s 'ab'
echo "a1b2c3" | tr -d '[:digit:]'
echo "a1b2c3" | tr '[:lower:]' '[:upper:]'
echo "one two" | tr ' ' '\n'
echo "abc" | tr 'abc' 'x'
