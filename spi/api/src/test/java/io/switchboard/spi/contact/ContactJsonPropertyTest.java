package io.switchboard.spi.contact;

import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ContactJsonPropertyTest {

    @Property(tries = 300)
    void everyContactShouldSurviveAJsonRoundTrip(@ForAll("contacts") Contact c) {
        String text = ContactJson.toJson(c).encode();
        assertThat(ContactJson.fromJson(new JsonObject(text))).isEqualTo(c);
    }

    @Property(tries = 200)
    void everyWrittenContactShouldMatchTheSchema(@ForAll("contacts") Contact c) throws Exception {
        var out = ContactJsonTest.schemaValidator().validate(new JsonObject(ContactJson.toJson(c).encode()));
        assertThat(out.getValid()).as(String.valueOf(out.getErrors())).isTrue();
    }

    /** The streaming encoder writes exactly what the tree gives: same fields, same order, same escaping. */
    @Property(tries = 500)
    void theStreamingEncoderShouldWriteWhatTheTreeEncodes(@ForAll("fullContacts") Contact c) {
        assertThat(ContactJson.encode(c)).isEqualTo(ContactJson.toJson(c).encode());
    }

    /** Every optional part of a contact, each present or absent, on top of {@link #contacts()}. */
    @Provide
    Arbitrary<Contact> fullContacts() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(30).injectNull(0.4);
        Arbitrary<Endpoint> recipient = Combinators.combine(text, text, text, text).as(Endpoint::new).injectNull(0.4);
        Arbitrary<ThreadRef> thread = Combinators.combine(text, text, text).as(ThreadRef::new);
        Arbitrary<RawRef> raw = Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10), text,
                Arbitraries.longs().between(0, Long.MAX_VALUE), text).as(RawRef::new).injectNull(0.3);
        Arbitrary<List<Redaction>> redactions = Combinators.combine(Arbitraries.of("card", "iban", "account"),
                        Arbitraries.of("content.text", "content.subject"), Arbitraries.integers().between(0, 50),
                        Arbitraries.integers().between(0, 50), Arbitraries.of(true, false))
                .as((k, f, a, b, r) -> new Redaction(k, f, Math.min(a, b), Math.max(a, b), r)).list().ofMaxSize(3);
        Arbitrary<StepNote> note = Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8),
                Arbitraries.strings().ofMaxLength(30)).as(StepNote::new);
        Arbitrary<Processing> processing = Combinators.combine(Arbitraries.of(ProcessingStatus.class), text, text,
                note.injectNull(0.6), note.list().ofMaxSize(2)).as(Processing::new);
        Arbitrary<Object> value = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(10).map(v -> (Object) v),
                Arbitraries.integers().map(v -> (Object) v), Arbitraries.longs().map(v -> (Object) v),
                Arbitraries.doubles().map(v -> (Object) v), Arbitraries.of(true, false).map(v -> (Object) v),
                Arbitraries.just(new io.vertx.core.json.JsonArray().add(1).add("two").addNull()).map(v -> (Object) v),
                Arbitraries.just(new JsonObject().put("nested", new JsonObject().put("x", 1.5))).map(v -> (Object) v));
        Arbitrary<Attributes> attributes = Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6),
                        Arbitraries.maps(Arbitraries.strings().ofMinLength(1).ofMaxLength(6), value.injectNull(0.1))
                                .ofMaxSize(3).map(m -> {
                                    JsonObject o = new JsonObject();
                                    m.forEach(o::put);
                                    return o;
                                }))
                .ofMaxSize(3).map(Attributes::of);
        Arbitrary<Attachment> attachment = Combinators.combine(text, text, text, text, text,
                        Arbitraries.longs().between(0, 1L << 40).injectNull(0.5), text, text)
                .as(Attachment::new);
        return Combinators.combine(contacts(), recipient, thread, raw, redactions, processing, attributes,
                        attachment.list().ofMaxSize(2))
                .as((c, rec, th, rr, reds, pr, attrs, atts) -> c.toBuilder().recipient(rec).thread(th).raw(rr)
                        .redactions(reds).processing(pr).attributes(attrs)
                        .content(new Content(c.content().text(), c.content().subject(), c.content().language(), atts))
                        .build())
                .flatMap(c -> Combinators.combine(text, text, text, text)
                        .as((trace, conv, account, type) -> c.toBuilder().traceId(trace).conversationKey(conv)
                                .provider(new ProviderRef(c.provider().provider(), account, c.provider().eventId(), type))
                                .build()));
    }

    @Provide
    Arbitrary<Contact> contacts() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40).injectNull(0.3);
        Arbitrary<String> word = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12);
        Arbitrary<Instant> instant = Arbitraries.longs().between(0, 4_000_000_000_000L)
                .map(ms -> Instant.ofEpochMilli(ms).plusNanos(ms % 1000 * 1000));
        Arbitrary<Party> party = Combinators.combine(
                word.map(id -> new ProviderUserId("x", "global", id, Assurance.PROVIDER)).injectNull(0.5),
                text, text,
                Arbitraries.of("+447700900123", "+16505551234").map(p -> new PhoneNumber(p, p, true,
                        Assurance.PROVIDER)).injectNull(0.5),
                word.map(w -> new EmailAddress(w.toLowerCase() + "@example.com", Assurance.SELF_ASSERTED)).injectNull(0.5))
                .as(Party::new);
        Arbitrary<Content> content = Combinators.combine(text, text, Arbitraries.of("en", "fr", "de").injectNull(0.5),
                        Arbitraries.of(new Attachment("image", "https://e.com/i", null, "image/png", null, 10L, null, null))
                                .list().ofMaxSize(2))
                .as(Content::new);
        Arbitrary<Priority> priority = Arbitraries.integers().between(0, 100).map(s -> new Priority(s,
                PriorityBand.values()[Math.min(3, (100 - s) / 25)], List.of(new PriorityReason("r", s, null))))
                .injectNull(0.4);
        Arbitrary<CustomerMatch> match = Arbitraries.doubles().between(0, 1).map(d -> new CustomerMatch(
                d > 0.5 ? "c-1" : null, "phone", MatchLevel.STRONG, d, d > 0.5, List.of("c-1", "c-2")))
                .injectNull(0.4);
        return Combinators.combine(word, Arbitraries.of(ContactKind.class), Arbitraries.of(Visibility.class),
                        instant, instant.injectNull(0.3), party, content, word)
                .as((id, kind, vis, received, occurred, sender, cont, event) -> Contact.builder()
                        .id("01a21187-6673-7847-b21d-" + String.format("%012x", Math.abs((long) id.hashCode())))
                        .channel(new ChannelRef("ch-" + id, "web-form"))
                        .kind(kind).visibility(vis).receivedAt(received).occurredAt(occurred)
                        .sender(sender).content(cont)
                        .provider(new ProviderRef("web", null, event, null))
                        .tags(Set.of(id)))
                .flatMap(b -> Combinators.combine(priority, match, Arbitraries.strings().ofMaxLength(8))
                        .as((p, m, a) -> b.priority(p).customer(m)
                                .attributes(Attributes.of(Map.of("ns", new JsonObject().put("k", a)))).build()));
    }
}
