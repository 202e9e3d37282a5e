#!/bin/sh
# SPDX-License-Identifier: MIT
# Turn `nm -n` output of the kernel into an assembly file for the .ksyms
# section (read by kernel/symbols.c). Only text symbols are kept.
# Usage: gensyms.sh NM KERNEL.elf > ksyms.S   (KERNEL may be "-" for none)
set -eu
nm=$1
elf=$2
{
	if [ "$elf" != "-" ]; then
		"$nm" -n --defined-only "$elf" | awk '$2 ~ /^[tTwW]$/ { print $1, $3 }'
	fi
} | awk '
BEGIN { n = 0; off = 0 }
{ addr[n] = $1; name[n] = $2; noff[n] = off; off += length($2) + 1; n++ }
END {
	print "\t.section .note.GNU-stack, \"\", @progbits"
	print "\t.section .ksyms, \"a\""
	print "\t.balign 8"
	print "\t.globl ksyms_count, ksyms_table, ksyms_names"
	print "ksyms_count:\t.quad " n
	print "ksyms_table:"
	for (i = 0; i < n; i++)
		printf "\t.quad 0x%s\n\t.long %d, 0\n", addr[i], noff[i]
	print "ksyms_names:"
	for (i = 0; i < n; i++)
		printf "\t.asciz \"%s\"\n", name[i]
}'
