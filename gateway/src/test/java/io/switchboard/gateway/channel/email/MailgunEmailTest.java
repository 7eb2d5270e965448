package io.switchboard.gateway.channel.email;

import io.switchboard.gateway.testing.AdapterHarness;
import io.switchboard.gateway.testing.Golden;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.Intake;
import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.Attachment;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.EmailAddress;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static io.switchboard.gateway.channel.email.EmailFixtures.MAILGUN_KEY;
import static io.switchboard.gateway.channel.email.EmailFixtures.MG2_SIG;
import static io.switchboard.gateway.channel.email.EmailFixtures.MG2_TOKEN;
import static io.switchboard.gateway.channel.email.EmailFixtures.MG2_TS;
import static io.switchboard.gateway.channel.email.EmailFixtures.MG_SIG;
import static io.switchboard.gateway.channel.email.EmailFixtures.MG_TOKEN;
import static io.switchboard.gateway.channel.email.EmailFixtures.MG_TS;
import static io.switchboard.gateway.channel.email.EmailFixtures.assertRejected;
import static io.switchboard.gateway.channel.email.EmailFixtures.bytes;
import static io.switchboard.gateway.channel.email.EmailFixtures.clockBefore;
import static io.switchboard.gateway.channel.email.EmailFixtures.formPost;
import static io.switchboard.gateway.channel.email.EmailFixtures.mailgun;
import static io.switchboard.gateway.channel.email.EmailFixtures.mailgunPost;
import static io.switchboard.gateway.channel.email.EmailFixtures.mailgunSign;
import static io.switchboard.gateway.channel.email.EmailFixtures.replace;
import static io.switchboard.gateway.channel.email.EmailFixtures.resigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code email} channel with {@code provider: mailgun} (routes). */
class MailgunEmailTest {

    // --- PROTOCOLS.md 6.2: the official SDK vector (mailgun-php tests/Api/WebhookTest.php) ---

    static final String SDK_KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
    static final String SDK_TS = "1403645220";
    static final String SDK_TOKEN = "5egbgr1vjgqxtrnp65xfznchgdccwh5d6i09vijqi3whgowmn6";
    static final String SDK_SIG = "9cfc5c41582e51246e73c88d34db3af0a3a2692a76fbab81492842f000256d33";

    @Test
    void shouldVerifyOfficialSdkVector() {
        assertThat(MailgunSignatures.verify(SDK_KEY.getBytes(StandardCharsets.UTF_8), SDK_TS, SDK_TOKEN, SDK_SIG))
                .isTrue();
        assertThat(MailgunSignatures.sign(SDK_KEY.getBytes(StandardCharsets.UTF_8), SDK_TS, SDK_TOKEN))
                .isEqualTo(SDK_SIG);
    }

    @Test
    void shouldRejectOfficialSdkVectorWithAnotherToken() {
        assertThat(MailgunSignatures.verify(SDK_KEY.getBytes(StandardCharsets.UTF_8), SDK_TS,
                "owyldpe6nxhmrn78epljl6bj0orrki1u3d2v5e6cnlmmuox8jr", SDK_SIG)).isFalse();
    }

    @Test
    void shouldRejectOfficialSdkVectorWithEmptyValues() {
        byte[] key = SDK_KEY.getBytes(StandardCharsets.UTF_8);
        assertThat(MailgunSignatures.verify(key, "", "", "")).isFalse();
        assertThat(MailgunSignatures.verify(key, "", SDK_TOKEN, SDK_SIG)).isFalse();
        assertThat(MailgunSignatures.verify(key, SDK_TS, "", SDK_SIG)).isFalse();
        assertThat(MailgunSignatures.verify(key, SDK_TS, SDK_TOKEN, "")).isFalse();
    }

    @Test
    void shouldAcceptOfficialSdkVectorAsRoutePost() {
        EmailFixtures.MutableClock clock = clockBefore(SDK_TS);
        AdapterHarness h = AdapterHarness.of(new EmailAdapterFactory(), "support-email", new JsonObject()
                .put("provider", "mailgun").put("mailgun", new JsonObject().put("signingKey", "${env:K}")),
                Map.of("K", SDK_KEY), clock);
        clock.set(Instant.ofEpochSecond(Long.parseLong(SDK_TS)).plusSeconds(2));
        InboundRequest req = formPost(h, "timestamp=" + SDK_TS + "&token=" + SDK_TOKEN + "&signature=" + SDK_SIG
                + "&sender=jane.roe%40example.net&recipient=support%40mg.acme-shop.example&subject=Hi");
        Intake intake = h.verifyAndParse(req);
        assertThat(intake.contacts()).hasSize(1);
    }

    // --- signature, window and replay ---

    /** A harness whose clock is at the fixture's timestamp plus a few seconds (after the adapter started). */
    private static AdapterHarness atFixtureTime(String ts) {
        EmailFixtures.MutableClock clock = clockBefore(ts);
        AdapterHarness h = mailgun(clock, new JsonObject());
        clock.set(Instant.ofEpochSecond(Long.parseLong(ts)).plusSeconds(3));
        return h;
    }

    private static byte[] fresh(long ts, String token) {
        return resigned(bytes("email/mailgun-attachment.multipart"), MG_TS, MG_TOKEN, MG_SIG, ts, token);
    }

    private static String token(char c) {
        return String.valueOf(c).repeat(50);
    }

    @Test
    void shouldAcceptFreshlySignedRoutePost() {
        AdapterHarness h = mailgun(Clock.systemUTC(), new JsonObject());
        h.adapter().verify(mailgunPost(h, fresh(Instant.now().getEpochSecond(), token('a'))));
    }

    @Test
    void shouldRejectTamperedSignature() {
        AdapterHarness h = atFixtureTime(MG_TS);
        byte[] body = replace(bytes("email/mailgun-attachment.multipart"), MG_SIG, MG_SIG.substring(0, 63) + "f");
        assertRejected(() -> h.adapter().verify(mailgunPost(h, body)), 401);
        byte[] swappedToken = replace(bytes("email/mailgun-attachment.multipart"), MG_TOKEN, token('b'));
        assertRejected(() -> h.adapter().verify(mailgunPost(h, swappedToken)), 401);
    }

    @Test
    void shouldRejectSignatureMadeWithWrongKey() {
        AdapterHarness h = atFixtureTime(MG_TS);
        byte[] body = replace(bytes("email/mailgun-attachment.multipart"), MG_SIG,
                mailgunSign("not-the-signing-key", MG_TS, MG_TOKEN));
        assertRejected(() -> h.adapter().verify(mailgunPost(h, body)), 401);
    }

    @Test
    void shouldRejectMissingSignatureFields() {
        AdapterHarness h = mailgun(Clock.systemUTC(), new JsonObject());
        long now = Instant.now().getEpochSecond();
        String t = token('c');
        String sig = mailgunSign(MAILGUN_KEY, String.valueOf(now), t);
        String rest = "&sender=jane.roe%40example.net&subject=Hi";
        assertRejected(() -> h.adapter().verify(formPost(h, "token=" + t + "&signature=" + sig + rest)), 401);
        assertRejected(() -> h.adapter().verify(formPost(h, "timestamp=" + now + "&signature=" + sig + rest)), 401);
        assertRejected(() -> h.adapter().verify(formPost(h, "timestamp=" + now + "&token=" + t + rest)), 401);
        assertRejected(() -> h.adapter().verify(formPost(h, rest.substring(1))), 401);
    }

    @Test
    void shouldRejectStaleAndFutureTimestamps() {
        AdapterHarness h = mailgun(Clock.systemUTC(), new JsonObject());
        long now = Instant.now().getEpochSecond();
        assertRejected(() -> h.adapter().verify(mailgunPost(h, fresh(now + 16 * 60, token('d')))), 401);
        EmailFixtures.MutableClock clock = new EmailFixtures.MutableClock(Instant.now().minusSeconds(3600));
        AdapterHarness old = mailgun(clock, new JsonObject());
        byte[] body = fresh(now - 3590, token('e'));
        clock.set(Instant.now());
        assertRejected(() -> old.adapter().verify(mailgunPost(old, body)), 401);
        clock.set(Instant.ofEpochSecond(now - 3590 + 5));
        old.adapter().verify(mailgunPost(old, body)); // the same post inside the window passes
    }

    @Test
    void shouldRejectTimestampFromBeforeTheAdapterStarted() {
        AdapterHarness h = mailgun(Clock.systemUTC(), new JsonObject());
        long tenSecondsAgo = Instant.now().getEpochSecond() - 10;
        assertRejected(() -> h.adapter().verify(mailgunPost(h, fresh(tenSecondsAgo, token('f')))), 401);
    }

    @Test
    void shouldRejectSignedNonNumericTimestamp() {
        AdapterHarness h = mailgun(Clock.systemUTC(), new JsonObject());
        String t = token('g');
        String body = "timestamp=hello&token=" + t + "&signature=" + mailgunSign(MAILGUN_KEY, "hello", t)
                + "&sender=jane.roe%40example.net";
        assertRejected(() -> h.adapter().verify(formPost(h, body)), 401);
    }

    @Test
    void shouldRejectReusedTokenWithAnotherBody() {
        AdapterHarness h = mailgun(Clock.systemUTC(), new JsonObject());
        long now = Instant.now().getEpochSecond();
        byte[] first = fresh(now, token('h'));
        h.adapter().verify(mailgunPost(h, first));
        byte[] forged = replace(first, "charges shipping twice", "refund me 5000 EUR now");
        assertRejected(() -> h.adapter().verify(mailgunPost(h, forged)), 401);
    }

    @Test
    void shouldLetByteIdenticalRetransmissionPassForDeduplication() {
        AdapterHarness h = mailgun(Clock.systemUTC(), new JsonObject());
        byte[] body = fresh(Instant.now().getEpochSecond(), token('i'));
        Contact first = h.verifyAndParse(mailgunPost(h, body)).contacts().get(0);
        Contact again = h.verifyAndParse(mailgunPost(h, body)).contacts().get(0);
        assertThat(again.provider().eventId()).isEqualTo(first.provider().eventId());
    }

    @Test
    void shouldForgetTokensOnceTheirTimestampLeavesTheWindow() {
        EmailFixtures.MutableClock clock = new EmailFixtures.MutableClock(Instant.parse("2024-06-10T15:00:00Z"));
        TokenReplayGuard guard = new TokenReplayGuard(clock, Duration.ofMinutes(15), 10);
        long ts = clock.instant().getEpochSecond();
        guard.claim(ts, "t1", new byte[] {1});
        assertThat(guard.size()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(16));
        guard.purge(clock.millis());
        assertThat(guard.size()).isZero();
        // and the old token is then refused by the window, not accepted again
        assertRejected(() -> guard.claim(ts, "t1", new byte[] {2}), 401);
    }

    @Test
    void shouldAnswer429RatherThanForgetTokensInsideTheWindow() {
        EmailFixtures.MutableClock clock = new EmailFixtures.MutableClock(Instant.parse("2024-06-10T15:00:00Z"));
        TokenReplayGuard guard = new TokenReplayGuard(clock, Duration.ofMinutes(15), 2);
        long ts = clock.instant().getEpochSecond();
        guard.claim(ts, "t1", new byte[] {1});
        guard.claim(ts, "t2", new byte[] {1});
        assertRejected(() -> guard.claim(ts, "t3", new byte[] {1}), 429);
        guard.claim(ts, "t1", new byte[] {1});
    }

    // --- normalisation ---

    @Test
    void shouldNormaliseRoutePostWithAttachment() {
        AdapterHarness h = atFixtureTime(MG_TS);
        Intake intake = h.verifyAndParse(mailgunPost(h, bytes("email/mailgun-attachment.multipart")));
        assertThat(intake.contacts()).hasSize(1);
        Contact c = intake.contacts().get(0);
        assertThat(c.sender().email()).isEqualTo(new EmailAddress("omar.haddad@example.org", Assurance.PROVIDER));
        assertThat(c.content().attachments()).containsExactly(new Attachment("file", null, "multipart:attachment-1",
                "application/pdf", "INV-2291.pdf", 142L, null, null));
        Golden.assertMatches(c, "email/mailgun-attachment.golden.json");
    }

    @Test
    void shouldReduceHtmlOnlyEmailToText() {
        AdapterHarness h = atFixtureTime(MG2_TS);
        Intake intake = h.verifyAndParse(formPost(h, new String(bytes("email/mailgun-html-only.form"),
                StandardCharsets.UTF_8)));
        Contact c = intake.contacts().get(0);
        assertThat(c.content().text()).contains("My delivery for order 77120 shows delivered, but nothing arrived.")
                .contains("- Tracking: AC-77120-GB").doesNotContain("<").doesNotContain("alert")
                .doesNotContain("color:#333").doesNotContain("&amp;");
        assertThat(c.attributes().namespace("email").getBoolean("htmlOnly")).isTrue();
        Golden.assertMatches(c, "email/mailgun-html-only.golden.json");
    }

    @Test
    void shouldGiveOneEventIdToResignedAttemptsOfMessageWithoutMessageId() {
        AdapterHarness h = mailgun(Clock.systemUTC(), new JsonObject());
        long now = Instant.now().getEpochSecond();
        byte[] base = replace(replace(bytes("email/mailgun-attachment.multipart"),
                "[\"Message-Id\", \"<20240610145952.3f9a2c@mail.example.org>\"], ", ""),
                "name=\"Message-Id\"\r\n\r\n<20240610145952.3f9a2c@mail.example.org>", "name=\"X-Other\"\r\n\r\nx");
        byte[] first = resigned(base, MG_TS, MG_TOKEN, MG_SIG, now, token('j'));
        byte[] retry = resigned(base, MG_TS, MG_TOKEN, MG_SIG, now + 1, token('k'));
        String a = h.verifyAndParse(mailgunPost(h, first)).contacts().get(0).provider().eventId();
        String b = h.verifyAndParse(mailgunPost(h, retry)).contacts().get(0).provider().eventId();
        assertThat(a).startsWith("sha256:").isEqualTo(b);
    }

    @Test
    void shouldReadFullMimeFromBodyMime() {
        String mime = new String(bytes("email/sendgrid-raw.multipart"), StandardCharsets.UTF_8);
        mime = mime.substring(mime.indexOf("Return-Path:"), mime.indexOf("\r\n--xYzZY", mime.indexOf("Return-Path:")));
        AdapterHarness h = mailgun(Clock.systemUTC(), new JsonObject());
        long now = Instant.now().getEpochSecond();
        String t = token('l');
        String body = "recipient=support%40mg.acme-shop.example&sender=jane.roe%40example.net&body-mime="
                + URLEncoder.encode(mime, StandardCharsets.UTF_8) + "&timestamp=" + now + "&token=" + t
                + "&signature=" + mailgunSign(MAILGUN_KEY, String.valueOf(now), t);
        Contact c = h.verifyAndParse(formPost(h, body)).contacts().get(0);
        assertThat(c.provider().eventId()).isEqualTo("CAH3d+Zm9QvT0w2@mail.example.net");
        assertThat(c.thread().inReplyTo()).isEqualTo("ticket-48213.1@acme-shop.example");
        assertThat(c.content().attachments()).extracting(Attachment::filename).containsExactly("card-statement.pdf");
        assertThat(c.attributes().getString("email", "mode")).isEqualTo("raw");
    }

    @Test
    void shouldKeepStoredMessageAttachmentsAsUrls() {
        AdapterHarness h = mailgun(Clock.systemUTC(), new JsonObject());
        long now = Instant.now().getEpochSecond();
        String t = token('m');
        String attachments = "[{\"url\":\"https://storage-europe-west1.api.mailgun.net/v3/domains/mg.acme-shop.example/"
                + "messages/AgEFx/attachments/0\",\"content-type\":\"image/png\",\"name\":\"scan.png\",\"size\":48213}]";
        String body = "recipient=support%40mg.acme-shop.example&sender=jane.roe%40example.net&subject=Scan&attachments="
                + URLEncoder.encode(attachments, StandardCharsets.UTF_8) + "&timestamp=" + now + "&token=" + t
                + "&signature=" + mailgunSign(MAILGUN_KEY, String.valueOf(now), t);
        Contact c = h.verifyAndParse(formPost(h, body)).contacts().get(0);
        assertThat(c.content().attachments()).containsExactly(new Attachment("image",
                "https://storage-europe-west1.api.mailgun.net/v3/domains/mg.acme-shop.example/messages/AgEFx/attachments/0",
                null, "image/png", "scan.png", 48213L, null, null));
    }

    @Test
    void shouldAcknowledgeSignedEventWebhookWithoutContact() {
        AdapterHarness h = mailgun(Clock.systemUTC(), new JsonObject());
        long now = Instant.now().getEpochSecond();
        String t = token('n');
        String json = new JsonObject().put("signature", new JsonObject().put("timestamp", String.valueOf(now))
                .put("token", t).put("signature", mailgunSign(MAILGUN_KEY, String.valueOf(now), t)))
                .put("event-data", new JsonObject().put("event", "delivered")).encode();
        InboundRequest req = h.request(HttpMethod.POST, EmailFixtures.URL).header("Content-Type", "application/json")
                .body(json).build();
        Intake intake = h.verifyAndParse(req);
        assertThat(intake.contacts()).isEmpty();
        assertThat(intake.ignored()).containsExactly(new Intake.Ignored("mailgun-event", "unsupported"));
    }

    @Test
    void shouldRejectSignedPostThatIsNotInboundEmail() {
        AdapterHarness h = mailgun(Clock.systemUTC(), new JsonObject());
        long now = Instant.now().getEpochSecond();
        String t = token('o');
        String body = "timestamp=" + now + "&token=" + t + "&signature=" + mailgunSign(MAILGUN_KEY, String.valueOf(now), t);
        assertRejected(() -> h.verifyAndParse(formPost(h, body)), 400);
    }

    @Test
    void shouldRejectBodyThatIsNeitherFormNorJson() {
        AdapterHarness h = mailgun(Clock.systemUTC(), new JsonObject());
        InboundRequest req = h.request(HttpMethod.POST, EmailFixtures.URL).header("Content-Type", "text/plain")
                .body("hello").build();
        assertRejected(() -> h.verifyAndParse(req), 415);
    }

    // --- configuration ---

    @Test
    void shouldRequireSigningKeyForMailgun() {
        assertThatThrownBy(() -> AdapterHarness.of(new EmailAdapterFactory(), "support-email",
                new JsonObject().put("provider", "mailgun"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mailgun.signingKey: is required");
    }

    @Test
    void shouldRefuseLiteralSigningKey() {
        assertThatThrownBy(() -> AdapterHarness.of(new EmailAdapterFactory(), "support-email", new JsonObject()
                .put("provider", "mailgun").put("mailgun", new JsonObject().put("signingKey", "key-literal")),
                Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("mailgun.signingKey")
                .hasMessageNotContaining("key-literal");
    }

    @Test
    void shouldRefuseNonPositiveReplayWindow() {
        assertThatThrownBy(() -> mailgun(Clock.systemUTC(), new JsonObject().put("replayWindow", "0s")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("replayWindow");
    }

    @Test
    void shouldReadTimestampAsSecondsWhateverTheClockZone() {
        AdapterHarness h = mailgun(Clock.system(ZoneOffset.ofHours(9)), new JsonObject());
        h.adapter().verify(mailgunPost(h, fresh(Instant.now().getEpochSecond() + 1, token('p'))));
    }
}
