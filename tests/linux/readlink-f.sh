# readlink -f and realpath, shown relative to the scratch directory.
mkdir -p a/b
touch a/b/file
ln -s a/b link
ln -s ../b/file a/b/rel
here=$(pwd -P)
show() { sed "s|^$here/||"; }
readlink -f link | show
readlink -f link/file | show
readlink -f a/b/rel | show
readlink -f a/../a/./b | show
realpath link/rel | show
readlink link
readlink a/b/file; echo "not a link: $?"
