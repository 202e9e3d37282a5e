# < reads a file; a loop reads from a redirection.
printf 'alpha\nbeta\ngamma\n' > in
cat < in
wc -l < in
while read line; do echo "got: $line"; done < in
read first < in
echo "first: $first"
tr a-z A-Z < in > out
cat out
cat < nosuch
echo "status: $?"
