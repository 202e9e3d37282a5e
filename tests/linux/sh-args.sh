# sh -c with $0 and arguments, sh -s, a script file with arguments.
sh -c 'echo "0=$0 1=$1 2=$2 #=$#"' zero one two
sh -c 'echo "$@"' name a "b c"
echo 'echo "from stdin: $1 $2"' | sh -s first second
printf 'echo "script got $# args: $*"\nexit 3\n' > script.sh
sh script.sh x y z
echo "script status: $?"
sh -c 'echo "$(( $1 + $2 ))"' calc 20 22
sh -n script.sh && echo "syntax ok"
echo 'if then' > bad.sh
sh -n bad.sh 2>&1; echo "syntax error: $?"
sh -c 'exit $1' s 12; echo "sh -c status: $?"
sh nosuch.sh; echo "missing script: $?"
