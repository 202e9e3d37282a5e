# expr: arithmetic, comparisons, strings, and its exit statuses.
expr 1 + 2
expr 10 - 4 \* 2
expr 17 / 5
expr 17 % 5
expr 3 \> 2
expr abc = abc
expr length "hello world"
expr substr "hello" 2 3
expr index "hello" l
expr "abc123" : '[a-z]*'
expr "abc123" : '[a-z]*\([0-9]*\)'
expr 0; echo "zero: $?"
expr 1 / 0; echo "div zero: $?"
expr a + 1; echo "non-number: $?"
