# Pipelines: data through several processes, and each stage's output.
echo "hello pipe world" | tr a-z A-Z
printf 'c\nb\na\n' | sort | tr '\n' ' '
echo
seq 1 10 | grep 1 | wc -l
echo one two three | { read a b c; echo "$c $b $a"; }
printf 'x\ny\n' | cat | cat | cat
