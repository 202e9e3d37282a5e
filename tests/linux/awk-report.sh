# A small report: generated data through awk, sort and printf.
awk 'BEGIN {
	seed = 7
	split("north south east west", region, " ")
	for (i = 1; i <= 300; i++) {
		seed = (seed * 1103 + 12345) % 65536
		printf "%s,%d\n", region[1 + int(seed / 7) % 4], seed % 1000
	}
}' > sales.csv
wc -l < sales.csv
awk -F, '{ n[$1]++; s[$1] += $2; if ($2 > m[$1]) m[$1] = $2 }
	END { for (r in n) printf "%-6s %4d %7d %4d %8.2f\n", r, n[r], s[r], m[r], s[r] / n[r] }' sales.csv | sort
sort -t, -k2,2nr sales.csv | head -n 3
cut -d, -f1 sales.csv | sort | uniq -c | sort -rn
awk -F, '$2 % 2 == 0' sales.csv | wc -l
