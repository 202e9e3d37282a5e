# grep: -E, -v, -c, -n, -i, -w, -o, -q, -l, -e, and its statuses.
printf 'apple\nbanana\ncherry\napricot\nBlueberry\n' > fruit
grep an fruit
grep -v a fruit
grep -c a fruit
grep -n rr fruit
grep -i b fruit
grep -E '^(a|c)' fruit
grep -E 'an{1}a' fruit
grep -o 'an' fruit | wc -l
echo "cat concat" | grep -ow cat
grep -q cherry fruit && echo found
grep -q durian fruit; echo "missing: $?"
grep x nosuch-file; echo "no file: $?"
grep -l apple fruit
grep -e apple -e cherry fruit
printf 'fruit\n' > other
grep -h fruit fruit other
grep -H cherry fruit
grep -s x nosuch; echo "quiet error: $?"
grep -F 'a.p' fruit; echo "fixed: $?"
grep -x apple fruit
