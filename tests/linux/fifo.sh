# A named pipe: one process writes, another reads.
mkfifo p
stat -c '%F' p
ls -l p | cut -c1
(echo "through the fifo" > p) &
cat p
wait
seq 1 1000 > p &
wc -l < p
wait
rm p
