# tar and gzip round trips, compared by their contents.
mkdir -p tree/sub
seq 1 500 > tree/numbers
echo small > tree/sub/small
tar cf tree.tar tree
tar tf tree.tar | sort
mkdir out
(cd out && tar xf ../tree.tar)
md5sum out/tree/numbers out/tree/sub/small | sed 's/ .*//'
md5sum tree/numbers tree/sub/small | sed 's/ .*//'
tar czf tree.tgz tree
tar tzf tree.tgz | sort
seq 1 2000 > big
gzip -c big > big.gz
gunzip -c big.gz | md5sum
rm big.gz
gzip -9 big
ls big*
gunzip big.gz
md5sum big
echo "not gzip" > fake.gz
gunzip fake.gz; echo "bad gzip: $?"
seq 1 100 | gzip | zcat | tail -n 1
