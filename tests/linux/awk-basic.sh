# awk: fields, NR, NF, -F, BEGIN and END, sums.
printf 'alice 30\nbob 25\ncarol 35\n' > people
awk '{ print $1 }' people
awk '{ print NR ": " $2 }' people
awk '{ sum += $2 } END { print "total", sum, "avg", sum / NR }' people
awk 'BEGIN { print "start" } $2 > 28 { print $1 } END { print "end" }' people
echo "a:b:c:d" | awk -F: '{ print NF, $3, $NF }'
echo "one two three" | awk '{ $2 = "TWO"; print }'
echo "x y" | awk '{ print $0, length($0) }'
awk 'BEGIN { x = 7; y = 2; print x / y, x % y, x * y, -x }'
awk -v n=5 'BEGIN { for (i = 1; i <= n; i++) s = s i; print s }'
echo "5 apples" | awk '$1 >= 5 && /apple/ { print "many" }'
awk 'NR == 2' people
awk 'END { print NR }' people
