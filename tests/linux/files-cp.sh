# cp: a file, -r a tree, -p modes, onto a directory; errors.
mkdir -p src/a/b
echo one > src/f1
echo two > src/a/f2
echo three > src/a/b/f3
chmod 600 src/a/f2
cp src/f1 copy
cat copy
cp -r src dst
find dst | sort
cat dst/a/b/f3
stat -c '%a %n' dst/a/f2
mkdir into
cp src/f1 src/a/f2 into
ls into | sort
cp nosuch x; echo "missing: $?"
cp src y; echo "dir without -r: $?"
cp -r src dst
find dst | sort | wc -l
