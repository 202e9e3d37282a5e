# touch -d sets a fixed time that date -r and stat -c %Y read back.
touch -d '2001-02-03 04:05:06' f
date -r f '+%Y-%m-%d %H:%M:%S'
stat -c '%Y' f
touch -d '1999-12-31 23:59:59' g
date -r g
touch -r f h
stat -c '%Y %n' h
touch -t 202001020304.05 i
stat -c '%Y' i
[ f -nt g ] && echo "f is newer than g"
[ g -ot f ] && echo "g is older than f"
