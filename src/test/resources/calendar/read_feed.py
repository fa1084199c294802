"""Reads an iCalendar feed with Debian's python3-icalendar (a parser we did not write) and prints one line per
VEVENT: uid, start and end in UTC (ISO-8601), status, sequence and summary, separated by tabs."""
import sys
from datetime import timezone

import icalendar

with open(sys.argv[1], 'rb') as feed:
    calendar = icalendar.Calendar.from_ical(feed.read())

out = []
out.append('CALENDAR\t%s\t%s' % (calendar.get('X-WR-CALNAME'), calendar.get('METHOD')))
for event in calendar.walk('VEVENT'):
    start = event.decoded('DTSTART').astimezone(timezone.utc)
    end = event.decoded('DTEND').astimezone(timezone.utc)
    out.append('\t'.join([
        'EVENT',
        str(event.get('UID')),
        start.strftime('%Y-%m-%dT%H:%M:%SZ'),
        end.strftime('%Y-%m-%dT%H:%M:%SZ'),
        str(event.get('STATUS')),
        str(event.decoded('SEQUENCE')),
        str(event.get('TRANSP')),
        str(event.get('SUMMARY')),
    ]))
sys.stdout.buffer.write(('\n'.join(out) + '\n').encode('utf-8'))
