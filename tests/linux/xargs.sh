# xargs: batches, -n, -I, -0, and the status of what it runs.
seq 1 10 | xargs echo
seq 1 7 | xargs -n 3 echo
printf 'a\nb\n' | xargs -I X echo "item X done"
printf 'one\0two words\0' | xargs -0 -n 1 echo
echo "x y z" | xargs -n 1 | sort -r
touch f1 f2 f3
ls f* | xargs rm
ls f* 2>/dev/null | wc -l
echo 1 | xargs false; echo "false via xargs: $?"
echo | xargs echo empty
printf '' | xargs -r echo not-run; echo "-r: $?"
