package io.switchboard.spi.contact;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Sample contacts for model tests. */
final class Contacts {

    private Contacts() {
    }

    static Contact minimal() {
        return Contact.builder()
                .id("01a21187-6673-7847-b21d-40049dadc16b")
                .channel(new ChannelRef("web", "web-form"))
                .kind(ContactKind.FORM)
                .visibility(Visibility.PRIVATE)
                .receivedAt(Instant.parse("2026-11-25T10:00:00Z"))
                .provider(new ProviderRef("web", null, "evt-1", null))
                .build();
    }

    static Contact full() {
        return Contact.builder()
                .id("01a21187-66de-7fce-9660-ffd5bfb0f1ce")
                .tenant("acme")
                .channel(new ChannelRef("acme-wa", "meta"))
                .kind(ContactKind.MESSAGE)
                .visibility(Visibility.PRIVATE)
                .occurredAt(Instant.parse("2026-11-25T09:59:58Z"))
                .receivedAt(Instant.parse("2026-11-25T10:00:00.123456Z"))
                .sender(new Party(new ProviderUserId("meta", "global", "16505551234", Assurance.PROVIDER), "jane",
                        "Jane Customer", new PhoneNumber("+16505551234", "16505551234", true, Assurance.PROVIDER),
                        new EmailAddress("jane@example.com", Assurance.SELF_ASSERTED)))
                .recipient(new Endpoint("phone", "106540352242922", "+15550783881", "Acme Support"))
                .content(new Content("Does it come in another color?", "Colour", "en", List.of(
                        new Attachment("image", null, "1234567890", "image/jpeg", "photo.jpg", 2048L, "abc123",
                                "look"),
                        new Attachment("file", "https://example.com/f.pdf", null, "application/pdf", null, null, null,
                                null))))
                .thread(new ThreadRef("conv-1", "wamid.prev", "root-1"))
                .provider(new ProviderRef("meta", "102290129340398", "wamid.HBgLMTY1", "messages"))
                .raw(new RawRef("01a21187-66bd-7d17-ad3d-2bdf0cf64f0e", "application/json", 512,
                        "/entry/0/changes/0/value/messages/0"))
                .traceId("0af7651916cd43dd8448eb211c80319c")
                .customer(new CustomerMatch("cust-42", "phone", MatchLevel.STRONG, 0.95, true, List.of("cust-42")))
                .conversationKey("conv-cust-42-1")
                .priority(new Priority(72, PriorityBand.P2, List.of(new PriorityReason("intent.cancellation", 30,
                        "cancellation cue"), new PriorityReason("tier.gold", 10, null))))
                .redaction(new Redaction("payment-card", "content.text", 10, 29, true))
                .tags(Set.of("vip"))
                .tag("after-hours")
                .attributes(Attributes.of(Map.of("twilio", new JsonObject().put("FromCity", "London")
                        .put("nested", new JsonObject().put("a", new JsonArray().add(1).add("x"))))))
                .processing(new Processing(ProcessingStatus.PROCESSED, "default", null, null,
                        List.of(new StepNote("enrich", "circuit-open"))))
                .build();
    }
}
