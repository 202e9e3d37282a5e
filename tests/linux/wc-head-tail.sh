# wc -l -c -w, head -n -c, tail -n and -n +K, -c.
seq 1 20 > twenty
wc -l < twenty
wc -c < twenty
echo "one two three" | wc -w
wc -l twenty
printf 'no newline' | wc -l
head -n 3 twenty | tr '\n' ' '; echo
head -c 5 twenty | od -c | head -n 1
tail -n 3 twenty | tr '\n' ' '; echo
tail -n +18 twenty | tr '\n' ' '; echo
tail -c 6 twenty | tr '\n' ' '; echo
head -n -17 twenty | tr '\n' ' '; echo
seq 1 5 | head -n 1
head -n 2 nosuch; echo "status: $?"
