"""Reads an iCalendar feed with Debian's python3-icalendar (a parser we did not write) and prints one line per
VEVENT, tab-separated: uid, status, sequence, last-modified (UTC, ISO-8601), url, summary, and the description with
line breaks shown as '|'."""
import sys
from datetime import timezone

import icalendar

with open(sys.argv[1], 'rb') as feed:
    calendar = icalendar.Calendar.from_ical(feed.read())

out = []
for event in calendar.walk('VEVENT'):
    modified = event.decoded('LAST-MODIFIED').astimezone(timezone.utc)
    out.append('\t'.join([
        str(event.get('UID')),
        str(event.get('STATUS')),
        str(event.decoded('SEQUENCE')),
        modified.strftime('%Y-%m-%dT%H:%M:%SZ'),
        str(event.get('URL')),
        str(event.get('SUMMARY')),
        str(event.get('DESCRIPTION')).replace('\n', '|'),
    ]))
sys.stdout.buffer.write(('\n'.join(out) + '\n').encode('utf-8'))
