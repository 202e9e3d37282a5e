# umask decides the modes of new files and directories.
umask 022
umask
touch a; mkdir da
stat -c '%a %n' a da
umask 077
touch b; mkdir db
stat -c '%a %n' b db
umask 0
touch c; mkdir dc
stat -c '%a %n' c dc
umask -S
(umask 027; touch e; stat -c '%a %n' e)
umask
