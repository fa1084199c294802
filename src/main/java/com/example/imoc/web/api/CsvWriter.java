package com.example.imoc.web.api;

import java.util.List;

/**
 * The one way the app writes CSV (RFC 4180, LF line ends), for every export. Cells are
 * written for spreadsheets:
 * <ul>
 * <li>a cell starting with {@code = + - @}, a tab or a carriage return is neutralised
 * with a leading apostrophe, so Excel and LibreOffice show it as text rather than
 * evaluating a formula (OWASP "CSV injection");</li>
 * <li>a cell with a comma, a quote, a line feed or a carriage return is quoted: a bare CR
 * ends a row in Excel, so a name with one unquoted could start a row of its own, formula
 * included.</li>
 * </ul>
 */
public final class CsvWriter {

	private final StringBuilder text = new StringBuilder();

	public CsvWriter(String... header) {
		row(List.of(header));
	}

	public CsvWriter row(String... cells) {
		return row(List.of(cells));
	}

	public CsvWriter row(List<String> cells) {
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) {
				this.text.append(',');
			}
			this.text.append(cell(cells.get(i)));
		}
		this.text.append('\n');
		return this;
	}

	@Override
	public String toString() {
		return this.text.toString();
	}

	/** One cell, neutralised and quoted as needed. */
	public static String cell(String value) {
		String text = value == null ? "" : value;
		if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			text = "'" + text;
		}
		boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
				|| text.indexOf('\r') >= 0;
		return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
	}

}
