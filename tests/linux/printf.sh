# printf formats, escapes, and argument reuse.
printf '%s\n' hello
printf '%d|%5d|%-5d|%05d|%+d\n' 42 42 42 42 42
printf '%x %X %o %#x %#o\n' 255 255 8 255 8
printf '%c%c%c\n' a b c
printf '%.3s|%10.2s|\n' abcdef abcdef
printf '%f|%.2f|%10.3f|%-10.1f|\n' 3.14159 3.14159 3.14159 3.14159
printf '%e|%g|%g\n' 1234.5 0.00001 100000
printf '%s=%s\n' a 1 b 2 c 3
printf 'tab\there\nbackslash \\ quote \" bell-free\n'
printf '%b\n' 'a\tb\nc'
printf '\101\102\103\n'
printf '%%|%5s%%\n' x
printf '%d\n' 0x10 010 "'A"
printf '%s\n'
printf 'no newline'
printf '\n%d\n' notanumber; echo "status: $?"
printf '%i|%u\n' -5 7
