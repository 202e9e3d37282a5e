# mkdir -p, cd, pwd, cd -, and the parts of PWD that are the same on both.
mkdir -p a/b/c
cd a/b/c
case $PWD in */a/b/c) echo "PWD ends in a/b/c" ;; esac
case $(pwd) in */a/b/c) echo "pwd ends in a/b/c" ;; esac
cd ..
echo "${PWD##*/}"
cd ../..
base=$PWD
cd a/b
cd - >/dev/null
[ "$PWD" = "$base" ] && echo "cd - went back"
cd a/b/c/../..
echo "${PWD##*/}"
ln -s b blink
cd blink
echo "logical: ${PWD##*/}"
cd -P .
echo "physical: $(pwd -P | sed 's|.*/||')"
cd "$base"
cd nosuch 2>&1 | sed 's|^.*: cd|cd|'
mkdir -p x/y && cd x/y && echo "chained cd ok"
