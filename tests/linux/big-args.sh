# Long argument lists and environments through execve.
env echo $(seq 1 20000) | wc -c
set -- $(seq 1 5000)
env printf '%s\n' "$@" | tail -n 1
big=$(printf '%08000d' 0)
export big
env env | grep -c '^big=0*$'
sh -c 'echo ${#big}'
seq 1 30000 | xargs -n 10000 echo | wc -l
