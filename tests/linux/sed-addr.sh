# sed addresses: numbers, $, ranges, regexps, !, and d, p, q, i, a, c, =.
seq 1 10 > ten
sed -n '3p' ten
sed -n '$p' ten
sed -n '2,4p' ten | tr '\n' ' '; echo
sed '3,8d' ten | tr '\n' ' '; echo
sed -n '/^1/p' ten | tr '\n' ' '; echo
sed -n '/4/,/6/p' ten | tr '\n' ' '; echo
sed '2!d' ten
sed '5q' ten | tr '\n' ' '; echo
printf 'a\nb\n' | sed '1i\
inserted'
printf 'a\nb\n' | sed '$a\
appended'
printf 'a\nb\n' | sed '2c\
changed'
printf 'a\nb\nc\n' | sed -n '='
printf 'a\nb\n' | sed -n 'p;p'
echo in-place > f
sed -i 's/place/file/' f
cat f
