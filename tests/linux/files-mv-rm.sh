# mv renames files and trees; rm and rm -r remove; their errors.
echo data > a
mv a b
cat b
ls a 2>&1
mkdir d1
echo inner > d1/x
mv d1 d2
cat d2/x
mkdir d3
mv b d3
ls d3
echo new > c
echo old > e
mv c e
cat e
mv nosuch z; echo "mv missing: $?"
rm e
rm e; echo "rm missing: $?"
rm -f e; echo "rm -f missing: $?"
mkdir -p t/u/v
touch t/u/v/w t/u/x
rm t; echo "rm dir: $?"
rm -r t
ls
rmdir d2; echo "rmdir non-empty: $?"
rm d2/x
rmdir d2 && echo "rmdir empty ok"
