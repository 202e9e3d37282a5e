# trap on EXIT runs when the script ends, with the exit status kept.
trap 'echo "exit trap, status $?"' EXIT
echo before
(trap 'echo subshell exit trap' EXIT; echo in subshell)
echo after
exit 4
