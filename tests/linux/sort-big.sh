# Sorting many generated lines: numeric, reverse, unique, by key.
awk 'BEGIN { x = 1; for (i = 0; i < 20000; i++) { x = (x * 75 + 74) % 65537; print x, i } }' > data
sort -n data | head -n 3
sort -rn data | head -n 3
sort -n -k2 data | tail -n 2
cut -d' ' -f1 data | sort -un | wc -l
sort data | md5sum
sort -k1,1n -k2,2nr data | md5sum
