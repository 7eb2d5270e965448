package io.switchboard.gateway.channel.email;

import io.switchboard.gateway.testing.AdapterHarness;
import io.switchboard.gateway.testing.Golden;
import io.switchboard.spi.channel.HttpReply;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.Intake;
import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.EmailAddress;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

import static io.switchboard.gateway.channel.email.EmailFixtures.SENDGRID_BOUNDARY;
import static io.switchboard.gateway.channel.email.EmailFixtures.SG_PASSWORD;
import static io.switchboard.gateway.channel.email.EmailFixtures.SG_USER;
import static io.switchboard.gateway.channel.email.EmailFixtures.assertRejected;
import static io.switchboard.gateway.channel.email.EmailFixtures.basic;
import static io.switchboard.gateway.channel.email.EmailFixtures.bytes;
import static io.switchboard.gateway.channel.email.EmailFixtures.multipart;
import static io.switchboard.gateway.channel.email.EmailFixtures.replace;
import static io.switchboard.gateway.channel.email.EmailFixtures.sendgrid;
import static io.switchboard.gateway.channel.email.EmailFixtures.sendgridBasic;
import static io.switchboard.gateway.channel.email.EmailFixtures.sendgridPost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code email} channel with {@code provider: sendgrid} (Inbound Parse). */
class SendGridEmailTest {

    // --- PROTOCOLS.md 6.1: SendGrid's official ECDSA vector (sendgrid-java EventWebhookTest) ---

    static final String VECTOR_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3"
            + "GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";
    static final String VECTOR_TS = "1600112502";
    static final String VECTOR_SIG = "MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIqHh89M"
            + "15TluLtEZtM=";
    static final String VECTOR_PAYLOAD = "[{\"email\":\"hello@world.com\",\"event\":\"dropped\",\"reason\":\"Bounced Address\","
            + "\"sg_event_id\":\"ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA\",\"sg_message_id\":"
            + "\"LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0\",\"smtp-id\":"
            + "\"<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>\",\"timestamp\":1600112492}]\r\n";

    @Test
    void shouldVerifyOfficialEcdsaVector() {
        assertThat(SendGridAuth.verifySignature(SendGridAuth.publicKey(VECTOR_KEY), VECTOR_TS,
                VECTOR_PAYLOAD.getBytes(StandardCharsets.UTF_8), VECTOR_SIG)).isTrue();
    }

    @Test
    void shouldRejectOfficialEcdsaVectorWithoutItsTrailingNewlineOrWithAnotherTimestamp() {
        var key = SendGridAuth.publicKey(VECTOR_KEY);
        byte[] trimmed = VECTOR_PAYLOAD.strip().getBytes(StandardCharsets.UTF_8);
        assertThat(SendGridAuth.verifySignature(key, VECTOR_TS, trimmed, VECTOR_SIG)).isFalse();
        assertThat(SendGridAuth.verifySignature(key, "1600112503", VECTOR_PAYLOAD.getBytes(StandardCharsets.UTF_8),
                VECTOR_SIG)).isFalse();
    }

    @Test
    void shouldAcceptOfficialVectorAsSignedPostWhenPublicKeyIsConfigured() {
        AdapterHarness h = sendgrid(new JsonObject().put("publicKey", VECTOR_KEY),
                Clock.fixed(Instant.ofEpochSecond(1600112502 + 30), ZoneOffset.UTC));
        InboundRequest req = h.request(HttpMethod.POST, EmailFixtures.URL).header("Content-Type", "application/json")
                .header("X-Twilio-Email-Event-Webhook-Signature", VECTOR_SIG)
                .header("X-Twilio-Email-Event-Webhook-Timestamp", VECTOR_TS).body(VECTOR_PAYLOAD).build();
        h.adapter().verify(req);
        // An Event Webhook body is not inbound mail: verified, then refused as the wrong media type.
        assertRejected(() -> h.adapter().parse(req), 415);
    }

    // --- signed security policy ---

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static String ecdsa(KeyPair kp, String ts, byte[] body) throws Exception {
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(kp.getPrivate());
        s.update(ts.getBytes(StandardCharsets.UTF_8));
        s.update(body);
        return Base64.getEncoder().encodeToString(s.sign());
    }

    private static AdapterHarness signed(KeyPair kp) {
        return sendgrid(new JsonObject().put("publicKey",
                Base64.getEncoder().encodeToString(kp.getPublic().getEncoded())), Clock.systemUTC());
    }

    private static InboundRequest signedPost(AdapterHarness h, byte[] body, String ts, String sig) {
        return multipart(h, SENDGRID_BOUNDARY, body, sig == null ? Map.of()
                : Map.of("X-Twilio-Email-Event-Webhook-Signature", sig, "X-Twilio-Email-Event-Webhook-Timestamp", ts));
    }

    @Test
    void shouldAcceptPostSignedWithPolicyKey() throws Exception {
        KeyPair kp = keyPair();
        AdapterHarness h = signed(kp);
        byte[] body = bytes("email/sendgrid-parsed.multipart");
        String ts = String.valueOf(Instant.now().getEpochSecond());
        Intake intake = h.verifyAndParse(signedPost(h, body, ts, ecdsa(kp, ts, body)));
        assertThat(intake.contacts()).hasSize(1);
    }

    @Test
    void shouldRejectTamperedSignedPost() throws Exception {
        KeyPair kp = keyPair();
        AdapterHarness h = signed(kp);
        byte[] body = bytes("email/sendgrid-parsed.multipart");
        String ts = String.valueOf(Instant.now().getEpochSecond());
        String sig = ecdsa(kp, ts, body);
        byte[] tampered = replace(body, "cracked lid", "cracked box");
        assertRejected(() -> h.adapter().verify(signedPost(h, tampered, ts, sig)), 401);
    }

    @Test
    void shouldRejectPostSignedWithAnotherKey() throws Exception {
        AdapterHarness h = signed(keyPair());
        byte[] body = bytes("email/sendgrid-parsed.multipart");
        String ts = String.valueOf(Instant.now().getEpochSecond());
        String other = ecdsa(keyPair(), ts, body);
        assertRejected(() -> h.adapter().verify(signedPost(h, body, ts, other)), 401);
    }

    @Test
    void shouldRejectSignedPostWithStaleTimestamp() throws Exception {
        KeyPair kp = keyPair();
        AdapterHarness h = signed(kp);
        byte[] body = bytes("email/sendgrid-parsed.multipart");
        String ts = String.valueOf(Instant.now().minusSeconds(16 * 60).getEpochSecond());
        String old = ecdsa(kp, ts, body);
        assertRejected(() -> h.adapter().verify(signedPost(h, body, ts, old)), 401);
        String future = String.valueOf(Instant.now().plusSeconds(16 * 60).getEpochSecond());
        String ahead = ecdsa(kp, future, body);
        assertRejected(() -> h.adapter().verify(signedPost(h, body, future, ahead)), 401);
    }

    @Test
    void shouldRejectSignedPostWithMissingHeaders() throws Exception {
        KeyPair kp = keyPair();
        AdapterHarness h = signed(kp);
        byte[] body = bytes("email/sendgrid-parsed.multipart");
        String ts = String.valueOf(Instant.now().getEpochSecond());
        String sig = ecdsa(kp, ts, body);
        assertRejected(() -> h.adapter().verify(signedPost(h, body, ts, null)), 401);
        assertRejected(() -> h.adapter().verify(multipart(h, SENDGRID_BOUNDARY, body,
                Map.of("X-Twilio-Email-Event-Webhook-Signature", sig))), 401);
        assertRejected(() -> h.adapter().verify(multipart(h, SENDGRID_BOUNDARY, body,
                Map.of("X-Twilio-Email-Event-Webhook-Timestamp", ts))), 401);
        assertRejected(() -> h.adapter().verify(signedPost(h, body, "hello", sig)), 401);
    }

    // --- Basic credentials in the Parse URL ---

    @Test
    void shouldAcceptBasicCredentials() {
        AdapterHarness h = sendgridBasic();
        h.adapter().verify(sendgridPost(h, bytes("email/sendgrid-parsed.multipart")));
    }

    @Test
    void shouldRejectMissingOrWrongBasicCredentials() {
        AdapterHarness h = sendgridBasic();
        byte[] body = bytes("email/sendgrid-parsed.multipart");
        assertRejected(() -> h.adapter().verify(multipart(h, SENDGRID_BOUNDARY, body, Map.of())), 401);
        for (String header : new String[] {basic(SG_USER, "wrong-password"), basic("someone", SG_PASSWORD),
                basic(SG_USER, SG_PASSWORD + "x"), "Basic !!!notbase64", "Bearer " + SG_PASSWORD, "Basic ",
                basic(SG_USER, "")}) {
            assertRejected(() -> h.adapter().verify(multipart(h, SENDGRID_BOUNDARY, body,
                    Map.of("Authorization", header))), 401);
        }
    }

    @Test
    void shouldRequireBothCredentialsAndSignatureWhenBothAreConfigured() throws Exception {
        KeyPair kp = keyPair();
        AdapterHarness h = sendgrid(new JsonObject().put("username", SG_USER).put("password", "${env:SG_PASSWORD}")
                .put("publicKey", Base64.getEncoder().encodeToString(kp.getPublic().getEncoded())), Clock.systemUTC());
        byte[] body = bytes("email/sendgrid-parsed.multipart");
        String ts = String.valueOf(Instant.now().getEpochSecond());
        String sig = ecdsa(kp, ts, body);
        assertRejected(() -> h.adapter().verify(signedPost(h, body, ts, sig)), 401);
        assertRejected(() -> h.adapter().verify(sendgridPost(h, body)), 401);
        h.adapter().verify(multipart(h, SENDGRID_BOUNDARY, body, Map.of("Authorization", basic(SG_USER, SG_PASSWORD),
                "X-Twilio-Email-Event-Webhook-Signature", sig, "X-Twilio-Email-Event-Webhook-Timestamp", ts)));
    }

    // --- normalisation ---

    private static Contact parsed(String resource) {
        AdapterHarness h = sendgridBasic();
        Intake intake = h.verifyAndParse(sendgridPost(h, bytes(resource)));
        assertThat(intake.ignored()).isEmpty();
        assertThat(intake.contacts()).hasSize(1);
        return intake.contacts().get(0);
    }

    @Test
    void shouldNormaliseParsedPostWithAttachments() {
        Contact c = parsed("email/sendgrid-parsed.multipart");
        assertThat(c.kind()).isEqualTo(ContactKind.EMAIL);
        assertThat(c.sender().email()).isEqualTo(new EmailAddress("jane.roe@example.net", Assurance.PROVIDER));
        assertThat(c.content().attachments()).extracting(a -> a.filename()).containsExactly("lid.jpg",
                "receipt-48213.pdf");
        Golden.assertMatches(c, "email/sendgrid-parsed.golden.json");
    }

    @Test
    void shouldNormaliseRawMimePostWithThreading() {
        Contact c = parsed("email/sendgrid-raw.multipart");
        assertThat(c.thread().threadId()).isEqualTo("ticket-48213.0@acme-shop.example");
        assertThat(c.thread().inReplyTo()).isEqualTo("ticket-48213.1@acme-shop.example");
        assertThat(c.content().subject()).isEqualTo("Re: Your return \u2013 order 48213");
        Golden.assertMatches(c, "email/sendgrid-raw.golden.json");
    }

    @Test
    void shouldTakeSenderFromEnvelopeNotFromSpoofedHeader() {
        byte[] body = replace(bytes("email/sendgrid-parsed.multipart"),
                "\"from\":\"jane.roe@example.net\"", "\"from\":\"mallory@example.biz\"");
        AdapterHarness h = sendgridBasic();
        Contact c = h.verifyAndParse(sendgridPost(h, body)).contacts().get(0);
        assertThat(c.sender().email()).isEqualTo(new EmailAddress("mallory@example.biz", Assurance.PROVIDER));
        assertThat(c.sender().displayName()).isNull();
        assertThat(c.attributes().namespace("email").getJsonObject("from"))
                .isEqualTo(new JsonObject().put("address", "jane.roe@example.net").put("name", "Jane Roe"));
    }

    @Test
    void shouldFallBackToHeaderFromAsSelfAssertedWithoutEnvelope() {
        byte[] body = replace(bytes("email/sendgrid-parsed.multipart"),
                "{\"to\":[\"support@parse.acme-shop.example\"],\"from\":\"jane.roe@example.net\"}", "not json");
        AdapterHarness h = sendgridBasic();
        Contact c = h.verifyAndParse(sendgridPost(h, body)).contacts().get(0);
        assertThat(c.sender().email()).isEqualTo(new EmailAddress("jane.roe@example.net", Assurance.SELF_ASSERTED));
        assertThat(c.sender().displayName()).isEqualTo("Jane Roe");
        assertThat(c.attributes().getString("email", "senderSource")).isEqualTo("header");
        assertThat(c.recipient().address()).isEqualTo("support@parse.acme-shop.example");
    }

    @Test
    void shouldReadFieldsInTheCharsetSendGridDeclares() {
        byte[] latin1 = "Caf\u00e9 cr\u00e8me, s'il vous pla\u00eet".getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = new EmailFixtures.Form(SENDGRID_BOUNDARY)
                .field("envelope", "{\"to\":[\"support@parse.acme-shop.example\"],\"from\":\"jane.roe@example.net\"}")
                .field("from", "Jane Roe <jane.roe@example.net>")
                .field("subject", "Commande")
                .field("text", latin1)
                .field("charsets", "{\"text\":\"iso-8859-1\",\"subject\":\"UTF-8\",\"from\":\"UTF-8\"}")
                .bytes();
        AdapterHarness h = sendgridBasic();
        Contact c = h.verifyAndParse(sendgridPost(h, body)).contacts().get(0);
        assertThat(c.content().text()).isEqualTo("Caf\u00e9 cr\u00e8me, s'il vous pla\u00eet");
    }

    @Test
    void shouldUseDigestOfMessageAsEventIdWithoutMessageId() {
        byte[] body = replace(bytes("email/sendgrid-parsed.multipart"),
                "Message-ID: <CAH3d+Zk0aR7bq5nV2u4Lw9xq1p@mail.example.net>\r\n", "");
        AdapterHarness h = sendgridBasic();
        String first = h.verifyAndParse(sendgridPost(h, body)).contacts().get(0).provider().eventId();
        String again = h.verifyAndParse(sendgridPost(h, body)).contacts().get(0).provider().eventId();
        assertThat(first).startsWith("sha256:").hasSize(7 + 64).isEqualTo(again);
        String other = h.verifyAndParse(sendgridPost(h, replace(body, "cracked lid", "cracked box")))
                .contacts().get(0).provider().eventId();
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void shouldCutTextLongerThanMaxTextChars() {
        AdapterHarness h = AdapterHarness.of(new EmailAdapterFactory(), "support-email", new JsonObject()
                .put("provider", "sendgrid").put("maxTextChars", 1000).put("sendgrid", new JsonObject()
                        .put("username", SG_USER).put("password", "${env:P}")), Map.of("P", SG_PASSWORD));
        byte[] body = new EmailFixtures.Form(SENDGRID_BOUNDARY).field("from", "jane.roe@example.net")
                .field("text", "x".repeat(1500)).bytes();
        Contact c = h.verifyAndParse(sendgridPost(h, body)).contacts().get(0);
        assertThat(c.content().text()).hasSize(1000);
        assertThat(c.attributes().namespace("email").getBoolean("textTruncated")).isTrue();
    }

    @Test
    void shouldRejectFormThatIsNotInboundEmail() {
        AdapterHarness h = sendgridBasic();
        byte[] body = new EmailFixtures.Form(SENDGRID_BOUNDARY).field("name", "x").bytes();
        assertRejected(() -> h.verifyAndParse(sendgridPost(h, body)), 400);
    }

    @Test
    void shouldRejectBodyThatIsNotAForm() {
        AdapterHarness h = sendgridBasic();
        InboundRequest req = h.request(HttpMethod.POST, EmailFixtures.URL).header("Content-Type", "application/json")
                .header("Authorization", basic(SG_USER, SG_PASSWORD)).body("{}").build();
        assertRejected(() -> h.verifyAndParse(req), 415);
    }

    @Test
    void shouldRejectBrokenMultipart() {
        AdapterHarness h = sendgridBasic();
        byte[] body = "--xYzZY\r\nContent-Disposition: form-data; name=\"from\"\r\n\r\nunterminated"
                .getBytes(StandardCharsets.UTF_8);
        assertRejected(() -> h.verifyAndParse(sendgridPost(h, body)), 400);
    }

    @Test
    void shouldReplyOkWithEmptyBody() {
        AdapterHarness h = sendgridBasic();
        InboundRequest req = sendgridPost(h, bytes("email/sendgrid-parsed.multipart"));
        HttpReply reply = h.replyAllNew(req, h.verifyAndParse(req));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().length()).isZero();
    }

    // --- configuration ---

    @Test
    void shouldRefuseSendGridChannelWithoutAuthentication() {
        assertThatThrownBy(() -> sendgrid(new JsonObject(), Clock.systemUTC()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sendgrid: needs username and password");
    }

    @Test
    void shouldRefuseUsernameWithoutPassword() {
        assertThatThrownBy(() -> sendgrid(new JsonObject().put("username", SG_USER), Clock.systemUTC()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sendgrid.password");
    }

    @Test
    void shouldRefuseInvalidPublicKeyNamingTheKey() {
        assertThatThrownBy(() -> sendgrid(new JsonObject().put("publicKey", "not-a-key"), Clock.systemUTC()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sendgrid.publicKey");
    }

    @Test
    void shouldRefuseMailgunKeysOnSendGridChannel() {
        assertThatThrownBy(() -> AdapterHarness.of(new EmailAdapterFactory(), "support-email", new JsonObject()
                .put("provider", "sendgrid").put("sendgrid", new JsonObject().put("publicKey", VECTOR_KEY))
                .put("mailgun", new JsonObject().put("signingKey", "${env:K}")), Map.of("K", "k")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mailgun.signingKey");
    }

    @Test
    void shouldRequireProvider() {
        assertThatThrownBy(() -> AdapterHarness.of(new EmailAdapterFactory(), "support-email", new JsonObject(),
                Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("provider");
        assertThatThrownBy(() -> AdapterHarness.of(new EmailAdapterFactory(), "support-email",
                new JsonObject().put("provider", "postmark"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("provider");
    }

    @Test
    void shouldDocumentEveryConfigKey() {
        assertThat(new EmailAdapterFactory().configSpec().keys()).allSatisfy(k -> assertThat(k.documentation()).isNotBlank());
        assertThat(EmailAdapterFactory.SENDGRID.keys()).allSatisfy(k -> assertThat(k.documentation()).isNotBlank());
        assertThat(EmailAdapterFactory.MAILGUN.keys()).allSatisfy(k -> assertThat(k.documentation()).isNotBlank());
    }
}
