# set -C refuses to overwrite a file; >| still does.
echo old > f
set -C
echo new > f
echo "status: $?"
cat f
echo newer >| f
cat f
echo fresh > g
cat g
set +C
echo over > f
cat f
