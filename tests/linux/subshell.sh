# ( ) runs in a copy of the shell: its variables, cd and exit stay inside.
x=outer
(x=inner; echo "inside: $x")
echo "outside: $x"
mkdir sub
(cd sub && echo "in sub: ${PWD##*/}")
echo "still in: ${PWD##*/}"
(exit 3)
echo "subshell exit: $?"
(echo a; exit 4; echo never)
echo "status: $?"
( (exit 5) ); echo "nested: $?"
y=$( (echo deep; echo er) | tr '\n' ' ')
echo "$y"
{ z=braces; }
echo "braces keep: $z"
