# Quoting: single, double, backslashes, word splitting and IFS.
a="two  spaces"
echo $a
echo "$a"
echo '$a is not expanded'
echo "\$a \"quoted\" \\ back"
echo 'it'\''s'
echo "tab:	end"
set -- $a
echo "$# words"
b="x:y:z"
IFS=:
set -- $b
echo "$# fields: $1 $2 $3"
unset IFS
c="  lead and trail  "
set -- $c
echo "$#: [$1] [$3]"
echo "[$c]"
echo "a""b"'c'd
echo "$(echo "nested "quotes"")"
d='*'
echo "$d" "[$d]"
empty=""
set -- "$empty" $empty
echo "$# with quoted empty"
echo \* \? \[
