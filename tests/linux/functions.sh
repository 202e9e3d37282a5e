# Functions: arguments, return, local, recursion, and scope.
greet() { echo "hello $1, you gave $# arguments"; }
greet world a b
sq() { return $(($1 * $1)); }
sq 5; echo "returned $?"
fact() {
	if [ $1 -le 1 ]; then echo 1; return; fi
	echo $(($1 * $(fact $(($1 - 1)))))
}
fact 10
v=global
scope() { local v=local; echo "inside: $v"; inner; }
inner() { echo "inner sees: $v"; }
scope
echo "after: $v"
setter() { w=set-by-function; }
setter; echo "w: $w"
count() { local n=0; for x in "$@"; do n=$((n + 1)); done; echo $n; }
count a "b c" d
args() { echo "0=$0 is unchanged"; }
args | sed 's|.*/||'
f() { echo "first"; }
f() { echo "redefined"; }
f
unset -f f
f 2>&1 | sed 's|^.*: line|line|'
fib() { if [ $1 -lt 2 ]; then echo $1; else echo $(( $(fib $(($1-1))) + $(fib $(($1-2))) )); fi; }
fib 12
