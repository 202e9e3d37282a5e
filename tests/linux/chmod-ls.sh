# chmod in octal and symbolic forms; ls -l without owners or times.
touch f
chmod 640 f
stat -c '%a %n' f
chmod u+x,g-r f
stat -c '%a %n' f
chmod a=r f
stat -c '%a %n' f
chmod go+w f
stat -c '%a %n' f
chmod 755 f
ls -l f | awk '{ print $1, $5, $NF }'
mkdir d
chmod -R 700 d
ls -ld d | awk '{ print $1, $NF }'
echo 'echo ran the script with $# arguments' > s
./s; echo "not executable: $?"
chmod +x s
[ -x s ] && sh ./s a b
chmod 999 f; echo "bad mode: $?"
chmod 644 nosuch; echo "missing: $?"
