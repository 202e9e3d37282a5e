# Parameter expansion: defaults, lengths, prefixes, suffixes, substitution.
path=/usr/local/lib/libfoo.so.1
echo "${path##*/} ${path#*/} ${path%/*} ${path%%.*}"
file=archive.tar.gz
echo "${file%.gz} ${file%%.*} ${file#*.} ${file##*.}"
echo "${#path}"
unset u
echo "${u:-default} [${u}] ${u-unset-default}"
echo "${u:=assigned} [$u]"
e=
echo "[${e:-colon-default}] [${e-no-colon}]"
echo "${e:+alt} ${path:+alt}"
(echo "${u2:?must be set}") 2>&1 | sed 's|^.*: ||'
s="hello world"
echo "${s:6} ${s:0:5} ${s:3:4}"
echo "${s/o/0} ${s//o/0}"
echo "${s/#hello/bye} ${s/%world/there}"
n=42
echo "${n}th ${n}0"
readonly r=fixed
(r=changed) 2>/dev/null || echo "readonly kept: $r"
echo "$((${#s} * 2))"
