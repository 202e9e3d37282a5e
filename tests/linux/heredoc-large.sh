# A here-document larger than a pipe buffer.
cat <<EOT | wc -c
$(seq 1 30000)
EOT
cat <<EOT | md5sum
$(seq 1 30000)
EOT
