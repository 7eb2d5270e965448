package io.switchboard.plugin.identity;

import io.switchboard.spi.service.CustomerRecord;
import io.switchboard.spi.service.Identifier;
import io.switchboard.spi.testkit.TestPhoneNumbers;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CustomersCsvTest {

    private static CustomersCsv.Result parse(String text) {
        return CustomersCsv.parse(text, TestPhoneNumbers.get(), null);
    }

    @Test
    void shouldReadTheTestSeedFile() throws IOException {
        CustomersCsv.Result r = parse(Files.readString(Path.of("src/test/resources/customers.csv")));
        assertThat(r.problems()).isEmpty();
        assertThat(r.customers()).extracting(CustomerRecord::id)
                .containsExactly("cust-1001", "cust-1002", "cust-1003", "cust-1004", "cust-2001");
        CustomerRecord jane = r.customers().get(0);
        assertThat(jane.tier()).isEqualTo("gold");
        assertThat(jane.identifiers()).containsExactly(new Identifier("phone", "+447700900123"),
                new Identifier("email", "jane.customer@example.com"), new Identifier("provider-user", "x:global:2244994945"),
                new Identifier("provider-user", "meta:page-1:6000000000001"), new Identifier("handle", "x:janecust"),
                new Identifier("name", "jane customer"));
        CustomerRecord bob = r.customers().get(1);
        assertThat(bob.name()).as("a quoted field with a comma").isEqualTo("Smith, Robert");
        assertThat(bob.identifiers()).contains(new Identifier("phone", "+447700900456"),
                new Identifier("phone", "+447700900457"), new Identifier("email", "bob+billing@example.com"));
        assertThat(r.customers().get(4).tenant()).isEqualTo("acme");
    }

    @Test
    void shouldReportEveryBadRowWithItsLineAndNeverItsData() throws IOException {
        CustomersCsv.Result r = parse(Files.readString(Path.of("src/test/resources/bad/customers.csv")));
        assertThat(r.customers()).isEmpty();
        assertThat(r.problems()).containsExactly(
                "line 3: id: is required",
                "line 4: phones: a value is not a phone number (write it as +CC… or give the row a region)",
                "line 5: emails: a value is not an email address",
                "line 6: id: 'cust-1' appears twice in tenant default");
        assertThat(String.join("\n", r.problems())).doesNotContain("not-an-email", "+447700900005");
    }

    @Test
    void shouldRejectAnUnknownColumn() {
        assertThat(parse("id,phone\ncust-1,+447700900001\n").problems())
                .containsExactly("header: unknown column 'phone'; columns are id, tenant, name, tier, region, phones, "
                        + "emails, provider_user_ids, handles");
    }

    @Test
    void shouldRequireTheIdColumn() {
        assertThat(parse("name\nJane\n").problems()).containsExactly("header: column 'id' is required");
    }

    @Test
    void shouldRejectARowWithTheWrongNumberOfFields() {
        assertThat(parse("id,name\ncust-1,Jane,extra\n").problems()).containsExactly("line 2: has 3 fields, the header has 2");
    }

    @Test
    void shouldReadNationalNumbersInTheRowsRegionOrTheDefault() {
        assertThat(CustomersCsv.parse("id,region,phones\nc1,FR,06 12 34 56 78\nc2,,07700 900123\n", TestPhoneNumbers.get(),
                "GB").customers()).extracting(c -> c.identifiers().get(0).value())
                .containsExactly("+33612345678", "+447700900123");
    }

    @Test
    void shouldRejectAnUnknownRegion() {
        assertThat(parse("id,region\nc1,XX\n").problems()).containsExactly("line 2: region: 'XX' is not an ISO 3166 region code");
    }

    @Test
    void shouldSkipCommentsBlankLinesAndAByteOrderMark() {
        CustomersCsv.Result r = parse("\uFEFF# seed\nid,emails\n\n# a comment\nc1,A@Example.com\n");
        assertThat(r.problems()).isEmpty();
        assertThat(r.customers()).singleElement().satisfies(c ->
                assertThat(c.identifiers()).containsExactly(new Identifier("email", "a@example.com")));
    }
}
