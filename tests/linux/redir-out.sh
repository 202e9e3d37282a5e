# > truncates, >> appends, >| and an empty redirection.
echo one > f
echo two > f
cat f
echo three >> f
echo four >> f
cat f
> empty
wc -c < empty
echo five >| f
cat f
{ echo a; echo b; } > g
cat g
for i in 1 2 3; do echo "line $i"; done > loop
cat loop
