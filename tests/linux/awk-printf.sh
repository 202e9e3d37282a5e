# awk printf and arrays.
awk 'BEGIN { printf "%d|%5d|%-5d|%05d\n", 42, 42, 42, 42 }'
awk 'BEGIN { printf "%s|%10s|%-10s|\n", "ab", "ab", "ab" }'
awk 'BEGIN { printf "%.2f|%8.3f|%e|%g\n", 3.14159, 2.5, 12345.678, 0.0001 }'
awk 'BEGIN { printf "%x|%X|%o|%c|%%\n", 255, 255, 8, 65 }'
printf 'b 2\na 1\nb 3\nc 4\na 5\n' > kv
awk '{ s[$1] += $2 } END { for (k in s) print k, s[k] }' kv | sort
awk '{ n[$1]++ } END { for (k in n) printf "%s=%d\n", k, n[k] }' kv | sort
awk 'BEGIN { a["x"] = 1; delete a["x"]; print ("x" in a) ? "yes" : "no" }'
awk 'BEGIN { n = split("p,q,r", parts, ","); print n, parts[1], parts[3] }'
awk 'BEGIN { m[1,2] = "multi"; for (k in m) { split(k, ix, SUBSEP); print ix[1], ix[2], m[k] } }'
