#!/bin/sh
# Pack a release directory reproducibly: scripts/pack.sh OUTDIR NAME-VERSION
# writes OUTDIR/NAME-VERSION.tar.gz with sorted names, fixed owner and modes,
# and the mtime of SOURCE_DATE_EPOCH (else the commit time, else 0), and
# beside it OUTDIR/NAME-VERSION.tar.gz.sha256 (`sha256sum -c` compatible),
# each through a temporary file renamed into place.
set -eu
out=$1
rel=$2
[ -d "$out/$rel" ] || { echo "pack: no release at $out/$rel" >&2; exit 2; }
if [ "${SOURCE_DATE_EPOCH+set}" = set ]; then
	case $SOURCE_DATE_EPOCH in
	'' | *[!0-9]*) echo "pack: SOURCE_DATE_EPOCH must be a non-negative integer" >&2; exit 2 ;;
	esac
	# the same bound as corpusc: dates stay within year 9999
	if [ ${#SOURCE_DATE_EPOCH} -gt 12 ] || [ "$SOURCE_DATE_EPOCH" -gt 253402300799 ]; then
		echo "pack: SOURCE_DATE_EPOCH must be at most 253402300799" >&2
		exit 2
	fi
	epoch=$SOURCE_DATE_EPOCH
else
	epoch=$(git log -1 --format=%ct 2>/dev/null || echo 0)
fi
tmp="$out/.$rel.tar.gz.tmp.$$"
sumtmp="$out/.$rel.tar.gz.sha256.tmp.$$"
trap 'rm -f "$tmp" "$sumtmp"' EXIT INT TERM
(cd "$out" && LC_ALL=C tar --sort=name --format=gnu --mtime="@$epoch" \
	--owner=0 --group=0 --numeric-owner --mode='u=rwX,go=rX' \
	-cf - "$rel") | gzip -9n >"$tmp"
# the checksum names the tarball as it sits beside it
(cd "$out" && sha256sum "$(basename "$tmp")") | sed "s|  .*|  $rel.tar.gz|" >"$sumtmp"
mv "$tmp" "$out/$rel.tar.gz"
mv "$sumtmp" "$out/$rel.tar.gz.sha256"
trap - EXIT INT TERM
echo "packed $out/$rel.tar.gz and $rel.tar.gz.sha256"
