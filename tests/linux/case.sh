# case: literal words, globs, classes, alternatives, fall-through order.
for w in apple Banana cherry 42 x.txt '' '*' a-b; do
	case $w in
	apple) echo "$w: exactly apple" ;;
	[A-Z]*) echo "$w: capital" ;;
	*rr*) echo "$w: has rr" ;;
	[0-9]|[0-9][0-9]) echo "$w: a number" ;;
	*.txt | *.log) echo "$w: a text file" ;;
	'') echo "(empty): empty" ;;
	\*) echo "$w: a star" ;;
	?-?) echo "$w: three with a dash" ;;
	*) echo "$w: something else" ;;
	esac
done
x=hello
case $x in h*) echo first ;; he*) echo second ;; esac
case foo in (foo) echo "parenthesised pattern" ;; esac
case "a b" in "a b") echo "quoted space" ;; esac
