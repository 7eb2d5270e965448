package io.switchboard.gateway.channel.email;

import io.switchboard.gateway.testing.AdapterHarness;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.Intake;
import io.switchboard.spi.channel.RequestRejectedException;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactJson;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.switchboard.gateway.channel.email.EmailFixtures.MAILGUN_KEY;
import static io.switchboard.gateway.channel.email.EmailFixtures.SENDGRID_BOUNDARY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever an authenticated provider (or anyone else) posts, the email adapter either rejects it with a 4xx
 * {@link RequestRejectedException} or returns one storable contact: never another exception (a 500). The body is
 * untrusted even after the shared-secret check, so the shaped inputs below are all authenticated.
 */
class EmailAdapterPropertiesTest {

    private static final AdapterHarness SENDGRID = EmailFixtures.sendgridBasic();
    private static final AdapterHarness MAILGUN = EmailFixtures.mailgun(Clock.systemUTC(), new JsonObject());
    private static final AtomicLong TOKENS = new AtomicLong();

    private static final List<String> SENDGRID_FIELDS = List.of("headers", "dkim", "content-ids", "to", "cc", "from",
            "text", "html", "sender_ip", "spam_report", "envelope", "attachments", "subject", "spam_score",
            "attachment-info", "charsets", "SPF", "email");
    private static final List<String> MAILGUN_FIELDS = List.of("recipient", "sender", "from", "subject", "body-plain",
            "stripped-text", "body-html", "stripped-html", "attachment-count", "message-headers", "content-id-map",
            "Message-Id", "In-Reply-To", "References", "Date", "To", "Cc", "body-mime", "attachments");
    private static final List<String> VALUES = List.of("", " ", "jane.roe@example.net", "Jane <jane.roe@example.net>",
            "<>", "@", "a@", "\"q\"@x", "{}", "[]", "null", "{\"to\":[1,{}],\"from\":[]}", "{\"from\":\"<x@y.z>\"}",
            "[[\"Message-Id\",\"<a@b>\"],[\"Date\",\"yesterday\"],[1,2],[\"From\"]]", "{\"text\":\"klingon-9\"}",
            "{\"text\":\"iso-8859-1\",\"html\":\"utf-16\"}", "<a@b> <c@d", "=?UTF-8?B?!!!?=", "Mon, 99 Foo 2024",
            "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>x</p>\r\n--b",
            "Subject: hi\r\nMessage-ID: <m@x>\r\n\r\nbody", "From: \r\n\r\n", "<p><script>x</script>",
            "\u0000\u0001", "\ud83d\ude15", "[{\"url\":1,\"size\":\"big\"}]", "[{\"name\":\"n\",\"size\":1e300}]");

    // --- SendGrid ---

    @Property
    void anyBytesToSendGridAreRejectedOrParsed(@ForAll @Size(max = 400) byte[] body, @ForAll boolean authenticated,
                                                @ForAll("mediaTypes") String mediaType) {
        var b = SENDGRID.request(io.vertx.core.http.HttpMethod.POST, EmailFixtures.URL).header("Content-Type", mediaType);
        if (authenticated) {
            b.header("Authorization", EmailFixtures.basic(EmailFixtures.SG_USER, EmailFixtures.SG_PASSWORD));
        }
        assertWellBehaved(SENDGRID, b.body(body).build());
    }

    @Property
    void shapedSendGridPostsAreRejectedOrParsed(@ForAll("sendgridForms") byte[] body) {
        assertWellBehaved(SENDGRID, EmailFixtures.sendgridPost(SENDGRID, body));
    }

    @Property
    void mutatedSendGridFixturesAreRejectedOrParsed(@ForAll("sendgridFixtures") String fixture,
                                                    @ForAll @Size(max = 20) byte[] junk, @ForAll int at) {
        byte[] f = EmailFixtures.bytes(fixture);
        int pos = Math.floorMod(at, f.length);
        byte[] mutated = new byte[f.length + junk.length];
        System.arraycopy(f, 0, mutated, 0, pos);
        System.arraycopy(junk, 0, mutated, pos, junk.length);
        System.arraycopy(f, pos, mutated, pos + junk.length, f.length - pos);
        assertWellBehaved(SENDGRID, EmailFixtures.sendgridPost(SENDGRID, mutated));
    }

    // --- Mailgun ---

    @Property
    void anyBytesToMailgunAreRejectedOrParsed(@ForAll @Size(max = 400) byte[] body,
                                              @ForAll("mediaTypes") String mediaType) {
        assertWellBehaved(MAILGUN, MAILGUN.request(io.vertx.core.http.HttpMethod.POST, EmailFixtures.URL)
                .header("Content-Type", mediaType).body(body).build());
    }

    @Property
    void shapedSignedMailgunPostsAreRejectedOrParsed(@ForAll("mailgunFields") Map<String, String> fields) {
        long now = Instant.now().getEpochSecond();
        String token = String.format("%050d", TOKENS.incrementAndGet());
        StringBuilder body = new StringBuilder("timestamp=" + now + "&token=" + token + "&signature="
                + EmailFixtures.mailgunSign(MAILGUN_KEY, String.valueOf(now), token));
        fields.forEach((k, v) -> body.append('&').append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        assertWellBehaved(MAILGUN, EmailFixtures.formPost(MAILGUN, body.toString()));
    }

    private static void assertWellBehaved(AdapterHarness h, InboundRequest req) {
        Intake intake;
        try {
            intake = h.verifyAndParse(req);
        } catch (RequestRejectedException e) {
            assertThat(e.status()).isIn(400, 401, 415);
            Statistics.collect("rejected " + e.status());
            return;
        }
        Statistics.collect(intake.contacts().isEmpty() ? "no contact" : "contact");
        assertThat(intake.contacts().size() + intake.ignored().size()).isEqualTo(1);
        for (Contact c : intake.contacts()) {
            assertThat(ContactJson.fromJson(ContactJson.toJson(c))).isEqualTo(c);
            assertThat(c.provider().eventId()).isNotBlank();
            assertThat(c.channel().type()).isEqualTo("email");
        }
        assertThat(h.replyAllNew(req, intake).status()).isEqualTo(200);
    }

    @Provide
    Arbitrary<String> mediaTypes() {
        return Arbitraries.of("multipart/form-data; boundary=xYzZY", "multipart/form-data",
                "application/x-www-form-urlencoded", "application/json", "text/plain", "");
    }

    @Provide
    Arbitrary<String> sendgridFixtures() {
        return Arbitraries.of("email/sendgrid-parsed.multipart", "email/sendgrid-raw.multipart");
    }

    private static Arbitrary<String> value() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(VALUES)),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(40)),
                Tuple.of(1, Arbitraries.strings().withChars("<>@\"\\,;:=?\r\n -").ofMaxLength(30)));
    }

    @Provide
    Arbitrary<byte[]> sendgridForms() {
        Arbitrary<Tuple.Tuple2<String, String>> field = Combinators.combine(Arbitraries.of(SENDGRID_FIELDS), value())
                .as(Tuple::of);
        return Combinators.combine(field.list().ofMaxSize(8), Arbitraries.integers().between(0, 2),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64)).as((fields, files, content) -> {
                    EmailFixtures.Form form = new EmailFixtures.Form(SENDGRID_BOUNDARY);
                    fields.forEach(t -> form.field(t.get1(), t.get2()));
                    for (int i = 1; i <= files; i++) {
                        form.file("attachment" + i, "f" + i + ".bin", i == 1 ? "image/png" : "application/octet-stream",
                                content);
                    }
                    return form.bytes();
                });
    }

    @Provide
    Arbitrary<Map<String, String>> mailgunFields() {
        return Arbitraries.maps(Arbitraries.of(MAILGUN_FIELDS), value()).ofMaxSize(8);
    }
}
