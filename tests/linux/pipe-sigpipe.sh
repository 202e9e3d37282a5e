# A writer whose reader went away dies of SIGPIPE; the pipeline goes on.
yes | head -n 3
yes abc | head -n 2
seq 1 1000000 | head -n 1
echo "status: $?"
seq 1 1000000 | head -n 1 >/dev/null
set -o pipefail
yes | head -n 1 >/dev/null
echo "yes|head with pipefail: $?"
