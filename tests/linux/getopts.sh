# getopts: flags, arguments, unknown options, OPTIND.
parse() {
	OPTIND=1
	while getopts "ab:c" opt; do
		case $opt in
		a) echo "flag a" ;;
		b) echo "b with $OPTARG" ;;
		c) echo "flag c" ;;
		?) echo "unknown" ;;
		esac
	done
	shift $((OPTIND - 1))
	echo "rest: $*"
}
parse -a -b value file1 file2
parse -ac -bX
parse -x -a rest 2>&1
parse -b 2>&1
parse -- -a
quiet() {
	OPTIND=1
	while getopts ":q:" opt; do
		case $opt in
		:) echo "missing argument for $OPTARG" ;;
		\?) echo "bad option $OPTARG" ;;
		q) echo "q=$OPTARG" ;;
		esac
	done
}
quiet -z -q
quiet -q 1
