# Times set by touch -d survive cp -p, mv, tar and touch -r.
touch -d '2010-05-06 07:08:09' f
cp -p f kept
cp f fresh
stat -c '%Y %n' f kept
[ fresh -nt f ] && echo "a plain copy is newer"
mkdir d
touch -d '2011-01-01 00:00:00' d
cp -rp d d2
stat -c '%Y %n' d2
mv kept moved
stat -c '%Y %n' moved
tar cf t.tar f
mkdir x
(cd x && tar xf ../t.tar)
stat -c '%Y %n' x/f
touch -d '@1000000000' e
stat -c '%Y' e
date -u -r e '+%F %T'
