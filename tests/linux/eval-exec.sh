# eval, exec, command, type, and builtins versus applets.
cmd='echo evaluated'
eval "$cmd"
var=name
eval "$var=value"
echo "name=$name"
eval 'for i in 1 2; do echo "loop $i"; done'
(exec echo "exec replaced the subshell"; echo never)
(exec sh -c 'echo "sh via exec: $#" ' x y)
command echo "command echo"
command -v cd
command -v no-such-thing; echo "command -v missing: $?"
type echo
type no-such-thing; echo "type missing: $?"
alias ll='echo alias works'
eval ll
unalias ll
builtin_out=$(echo from builtin)
echo "$builtin_out"
exec 2>&1
echo "stderr now goes to stdout" >&2
