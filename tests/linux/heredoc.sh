# Here-documents: expanded, quoted (literal), <<- strips leading tabs.
name=world
cat <<EOT
hello $name
sum $((2 + 3))
cmd $(echo subst)
EOT
cat <<'EOT'
literal $name $(echo no) `no`
EOT
cat <<-EOT
	tab-stripped $name
		two tabs
	EOT
cat <<"EOT" | tr a-z A-Z
piped $name
EOT
while read a b; do echo "$b-$a"; done <<EOT
1 one
2 two
EOT
f() { cat; }
f <<EOT
into a function
EOT
