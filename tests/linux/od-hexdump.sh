# od and hexdump of fixed bytes.
printf 'Hello\n\001\377' > bytes
od -c bytes
od -t x1 bytes
od -A x -t o1 bytes
od -t d2 bytes
hexdump -C bytes
xxd bytes
printf 'abc' | od -An -tx1
