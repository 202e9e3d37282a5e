# Traps on INT, HUP and TERM in a child shell; the EXIT trap after them.
sh -c 'trap "echo got INT" INT; kill -INT $$; echo "goes on after INT"'
sh -c 'trap "echo got HUP; exit 9" HUP; kill -HUP $$; echo never'
echo "HUP handler exit: $?"
sh -c 'trap "echo exit trap" EXIT; trap "echo term; exit 4" TERM; kill $$; echo never'
echo "TERM then EXIT: $?"
sh -c 'trap "echo exit trap on plain exit" EXIT; exit 6'
echo "plain exit: $?"
sh -c 'trap "echo not printed" EXIT; kill -KILL $$'
echo "KILL skips traps: $?"
sh -c 'trap "" TERM; kill $$; echo "TERM ignored"'
