# A file with an x bit but neither an ELF header nor a #! line: execve
# fails with ENOEXEC and the shell runs it as a script itself (POSIX),
# which busybox does by executing itself again through /proc/self/exe.
# (No #!/bin/sh either: in the kernel that is the ISO's own shell.)
printf 'echo "ran without #! with $# arguments: $*"\nexit 3\n' > noshebang
chmod +x noshebang
./noshebang a b
echo "status: $?"
printf '' > empty
chmod +x empty
./empty
echo "an empty file: $?"
out=$(./noshebang x)
echo "in a substitution: $out"
