# Pathname expansion: *, ?, [ ], no match, dot files, sorting.
touch a1 a2 b1 b22 .hidden c.txt d.txt
echo *
echo a*
echo ?1
echo b??
echo [ab]1
echo [!a]*
echo *.txt
echo .h*
echo z*
echo "a*"
mkdir dir
touch dir/x dir/y
echo dir/*
echo */x
set -f
echo a*
set +f
for f in *.txt; do echo "file: $f"; done
