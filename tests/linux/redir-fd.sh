# exec opens and closes descriptors; n>&m, n<&m, <>.
exec 3> three
echo "to fd 3" >&3
echo "again" >&3
exec 3>&-
cat three
exec 4< three
read l1 <&4
read l2 <&4
echo "$l2 / $l1"
exec 4<&-
echo hi >&5
echo "closed fd: $?"
echo abcdef > rw
exec 6<> rw
read x <&6
echo "read: $x"
exec 6>&-
{ echo a >&7; } 7> seven
cat seven
