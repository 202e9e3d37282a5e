# sort: -n, -r, -u, -k, -t, -s, and plain.
printf '10\n9\n100\n1\n9\n' > nums
sort nums | tr '\n' ' '; echo
sort -n nums | tr '\n' ' '; echo
sort -rn nums | tr '\n' ' '; echo
sort -un nums | tr '\n' ' '; echo
sort -u nums | tr '\n' ' '; echo
printf 'b 2\na 3\nc 1\na 1\n' > pairs
sort -k2 pairs
sort -k2,2n -k1,1 pairs
sort -k1,1 -k2,2nr pairs
printf 'x:3\ny:1\nz:2\n' | sort -t: -k2n
printf 'B\na\nC\nb\n' | sort
printf 'B\na\nC\nb\n' | sort -f
printf '2\n1\n' | sort -c; echo "sorted? $?"
printf '1\n2\n' | sort -c; echo "sorted? $?"
sort -n nums -o sorted; cat sorted | head -n 2
