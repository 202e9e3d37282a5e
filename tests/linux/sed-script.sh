# sed with a script file, hold space and multi-line commands.
printf '1\n2\n3\n4\n' | sed -n '1!G;h;$p'
printf 'a\nb\nc\n' | sed 'N;s/\n/+/'
cat > prog.sed <<'EOT'
s/cat/dog/g
/skip/d
s/^/> /
EOT
printf 'the cat\nskip me\ncat and cat\n' | sed -f prog.sed
printf 'k=v\nx=y\n' | sed -n 's/^\([^=]*\)=\(.*\)$/\2 is \1/p'
