# $( ) and backquotes: nesting, trailing newlines, status.
a=$(echo hello)
echo "[$a]"
b=`echo back quoted`
echo "[$b]"
c=$(printf 'x\n\n\n')
echo "[$c]"
d=$(echo $(echo $(echo nested)))
echo "[$d]"
e=$(false)
echo "status of false: $?"
f=$(exit 9)
echo "status of exit 9: $?"
echo "count: $(seq 1 5 | wc -l)"
g="$(printf 'a b\tc')"
echo "[$g]"
set -- $(echo one two three)
echo "$# words, second $2"
echo "arith in subst: $(( $(echo 6) * 7 ))"
