# stat -c with the fields every file system agrees on.
printf '12345' > five
mkdir dir
ln -s five link
stat -c '%s %a %F %n' five
stat -c '%a %F %n' dir
stat -c '%F %n %N' link
stat -L -c '%s %F' link
chmod 4755 five
stat -c '%a %A' five
chmod 1777 dir
stat -c '%a %A' dir
stat -c '%s' /dev/null
stat -c '%F %t %T' /dev/null /dev/zero
stat nosuch; echo "missing: $?"
