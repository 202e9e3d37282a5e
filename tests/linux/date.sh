# date: fixed times formatted every way; no clock reading.
date -u -d @1234567890 '+%Y-%m-%d %H:%M:%S %a %j'
date -u -d @0 '+%Y-%m-%d %H:%M:%S %A %B %e %U %w'
date -u -d @1234567890
date -u -d @1234567890 '+%s %y %m %d %I %p %M %S %Z %%'
date -u -d '2009-02-13 23:31:30' '+%s'
date -u -d '2000-02-29 12:00:00' '+%j %a %b'
date -u -d @2147483647 '+%F %T'
date -u -d @4102444800 '+%F %T %u'
date -d @86400 '+%D %R'
date -u -d 'garbage' 2>&1; echo "bad date: $?"
