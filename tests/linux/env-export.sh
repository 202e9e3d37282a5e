# The environment: what children see, export, unset, env -i, VAR=x cmd.
env | sed "s/=.*//" | sort
echo "---"
plain=not-exported
export shared=exported
sh -c 'echo "child: [$plain] [$shared]"'
ONLY=for-one sh -c 'echo "one command: $ONLY"'
echo "after: [${ONLY}]"
export shared=changed
sh -c 'echo "child: $shared"'
unset shared
sh -c 'echo "unset: [${shared}]"'
env -i A=1 B=2 env | sort
env -u TZ env | grep -c TZ
env X=y sh -c 'echo "env X: $X"'
export -p | grep -c LC_ALL
