package com.example.imoc.people;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits RFC 4180 CSV text into records: quoted fields, doubled quotes, commas and line
 * breaks inside quotes. Each record remembers the line it started on so errors can name
 * it.
 */
final class CsvLines {

	record Row(int line, List<String> fields) {
	}

	private CsvLines() {
	}

	static List<Row> parse(String text) {
		List<Row> rows = new ArrayList<>();
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		int line = 1;
		int rowStart = 1;
		String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
		for (int i = 0; i < body.length(); i++) {
			char c = body.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < body.length() && body.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					if (c == '\n') {
						line++;
					}
					field.append(c);
				}
			}
			else if (c == '"' && field.isEmpty()) {
				quoted = true;
			}
			else if (c == ',') {
				fields.add(field.toString());
				field.setLength(0);
			}
			else if (c == '\r') {
				// part of a CRLF line end
			}
			else if (c == '\n') {
				fields.add(field.toString());
				field.setLength(0);
				addUnlessBlank(rows, rowStart, fields);
				fields = new ArrayList<>();
				line++;
				rowStart = line;
			}
			else {
				field.append(c);
			}
		}
		fields.add(field.toString());
		addUnlessBlank(rows, rowStart, fields);
		return rows;
	}

	private static void addUnlessBlank(List<Row> rows, int line, List<String> fields) {
		boolean blank = fields.stream().allMatch(f -> f.isBlank());
		if (!blank) {
			rows.add(new Row(line, List.copyOf(fields)));
		}
	}

}
