# ls of single files and sorted listings: -1, -a, -d, -F, -R, sizes.
mkdir -p d/sub
touch d/b d/a d/.dot
printf '123' > d/three
ln -s a d/link
chmod +x d/b
ls d
ls -1 d
ls -a d
ls -A d
ls -F d
ls -d d
ls -R d
ls -s d/three | awk '{ print $NF }'
ls -l d/three | awk '{ print $1, $5, $NF }'
ls -l d/link | awk '{ print $1, $(NF-2), $(NF-1), $NF }'
ls -ld d/sub | awk '{ print substr($1, 1, 1) }'
ls -r d
ls d/nosuch d/a; echo "status: $?"
