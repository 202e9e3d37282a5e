# test / [ ]: files, strings, numbers, and combinations.
touch file
mkdir dir
printf 'x' > nonempty
ln -s file link
chmod +x nonempty
t() { if "$@"; then echo "yes: $*"; else echo "no: $*"; fi; }
t [ -f file ]
t [ -f dir ]
t [ -d dir ]
t [ -e nosuch ]
t [ -s file ]
t [ -s nonempty ]
t [ -x nonempty ]
t [ -L link ]
t [ -h file ]
t [ -r file ]
t [ -w file ]
t [ -z "" ]
t [ -n "" ]
t [ abc = abc ]
t [ abc != abd ]
t [ 10 -eq 10 ]
t [ 9 -lt 10 ]
t [ 10 -ge 11 ]
t [ -1 -gt -2 ]
t [ a \< b ]
t [ ! -e nosuch ]
t [ -f file -a -d dir ]
t [ -f dir -o -d dir ]
t test 1 -ne 2
t [ x ]
t [ ]
t [ file -ef link ]
[ 1 -eq x ] 2>&1; echo "bad integer: $?"
[ 1 = ] 2>&1; echo "missing operand: $?"
