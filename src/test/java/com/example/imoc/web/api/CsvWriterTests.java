package com.example.imoc.web.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one CSV writer: formulas neutralised, and every cell that could end a row or a cell
 * in any spreadsheet quoted.
 */
class CsvWriterTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '^', value = { "=1+2|'=1+2", "+SUM(A1)|'+SUM(A1)", "-2+3|'-2+3",
			"@cmd|'@cmd", "plain|plain", "Zoë Müller|Zoë Müller", "a-b|a-b" })
	void aCellThatASpreadsheetWouldEvaluateStartsWithAnApostrophe(String typed, String written) {
		assertThat(CsvWriter.cell(typed)).isEqualTo(written);
	}

	@Test
	void aTabOrCarriageReturnAtTheStartIsNeutralisedAndACarriageReturnAnywhereIsQuoted() {
		assertThat(CsvWriter.cell("\t=1+2")).isEqualTo("'\t=1+2");
		assertThat(CsvWriter.cell("\r=HYPERLINK(\"http://x\")")).isEqualTo("\"'\r=HYPERLINK(\"\"http://x\"\")\"");
		// The finding: a bare CR inside a name, unquoted, starts a new row in Excel with
		// a formula of its own.
		assertThat(CsvWriter.cell("Eve\r=cmd|' /C calc'!A0")).isEqualTo("\"Eve\r=cmd|' /C calc'!A0\"");
		assertThat(CsvWriter.cell("a\nb")).isEqualTo("\"a\nb\"");
		assertThat(CsvWriter.cell("Smith, John")).isEqualTo("\"Smith, John\"");
		assertThat(CsvWriter.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
		assertThat(CsvWriter.cell(null)).isEmpty();
	}

	@Test
	void rowsEndWithALineFeedAndEveryLineBreakInsideACellIsQuoted() {
		String csv = new CsvWriter("name", "email").row("Eve\r=1+1", "eve@example.com").row("=x", "a,b").toString();
		assertThat(csv).isEqualTo("name,email\n\"Eve\r=1+1\",eve@example.com\n'=x,\"a,b\"\n");
		// Outside quotes, the only line breaks are the row ends.
		assertThat(csv.replaceAll("\"([^\"]|\"\")*\"", "Q")).doesNotContain("\r").hasLineCount(3);
	}

}
