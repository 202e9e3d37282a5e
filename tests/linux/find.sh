# find: -name, -type, -exec, -maxdepth, -newer, -size, ! and -o.
mkdir -p top/a/b top/c
touch top/x.txt top/a/y.txt top/a/b/z.log top/c/w.txt
echo 12345 > top/c/big
find top | sort
find top -name '*.txt' | sort
find top -type d | sort
find top -type f -name '*.log'
find top -maxdepth 1 | sort
find top -mindepth 2 -type f | sort
find top -type f ! -name '*.txt' | sort
find top -name '*.log' -o -name 'big' | sort
find top -name '*.txt' -exec basename {} \; | sort
find top -size +0 -type f
find top -name nothing
find nosuch; echo "missing: $?"
