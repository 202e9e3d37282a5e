# read: IFS splitting, the last variable takes the rest, -r, defaults.
printf 'root:x:0:0:root:/root:/bin/sh\nme:x:1000:1000::/home/me:/bin/ash\n' > passwd
while IFS=: read name pw uid gid gecos home shell; do
	echo "$name uid=$uid home=$home shell=$shell"
done < passwd
echo "a b c d" | { read x y; echo "x=$x y=$y"; }
echo 'back\slash' | { read v; echo "$v"; }
echo 'back\slash' | { read -r v; echo "$v"; }
echo "  padded  " | { read v; echo "[$v]"; }
echo "  padded  " | { IFS= read -r v; echo "[$v]"; }
printf 'no newline' | { read v; echo "status $?: $v"; }
read v < /dev/null; echo "eof status: $?"
echo "x y" | { read; echo "REPLY=[$REPLY]"; }
n=0
printf '1\n2\n3\n' | while read l; do n=$((n + l)); done
echo "after pipe loop n=$n"
printf 'abcdef\n' | { read -n 3 v; echo "[$v]"; }
