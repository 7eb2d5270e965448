package io.switchboard.gateway.testing;

import io.switchboard.gateway.internal.Ids;
import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.ChannelRef;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.Content;
import io.switchboard.spi.contact.CustomerMatch;
import io.switchboard.spi.contact.EmailAddress;
import io.switchboard.spi.contact.MatchLevel;
import io.switchboard.spi.contact.Party;
import io.switchboard.spi.contact.PhoneNumber;
import io.switchboard.spi.contact.Priority;
import io.switchboard.spi.contact.PriorityBand;
import io.switchboard.spi.contact.Processing;
import io.switchboard.spi.contact.ProcessingStatus;
import io.switchboard.spi.contact.ProviderRef;
import io.switchboard.spi.contact.ProviderUserId;
import io.switchboard.spi.contact.Visibility;
import io.switchboard.spi.sink.Delivery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Realistic processed contacts for sink tests: a mix of web forms, WhatsApp messages and tweets, some matched to
 * a customer, some in a conversation, with phone numbers and emails (all test ranges and example domains).
 */
public final class SinkContacts {

    private SinkContacts() {
    }

    /**
     * @param i a number, to vary the contacts
     * @return a processed contact with a fresh id
     */
    public static Contact contact(int i) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Contact.Builder b = Contact.builder().id(Ids.newId()).receivedAt(at).occurredAt(at.minusSeconds(2))
                .processing(new Processing(ProcessingStatus.PROCESSED, "default", null, null, List.of()));
        switch (i % 3) {
            case 0 -> b.channel(new ChannelRef("contact-us", "web-form")).kind(ContactKind.FORM)
                    .visibility(Visibility.PRIVATE)
                    .provider(new ProviderRef("web", null, "form-" + i + "-" + at.toEpochMilli(), "submission"))
                    .sender(new Party(null, null, "Jane Doe", new PhoneNumber("+447700900123", "07700 900123", false,
                            Assurance.SELF_ASSERTED), new EmailAddress("jane.doe@example.com", Assurance.SELF_ASSERTED)))
                    .content(new Content("My parcel is late, order " + i, "Order " + i, "en", List.of()))
                    .customer(new CustomerMatch("cust-42", "email", MatchLevel.MEDIUM, 0.8, true, List.of()))
                    .conversationKey("conv-jane-" + (i % 2));
            case 1 -> b.channel(new ChannelRef("wa", "meta")).kind(ContactKind.MESSAGE).visibility(Visibility.PRIVATE)
                    .provider(new ProviderRef("whatsapp", "1234567890", "wamid.HBgL" + i + at.toEpochMilli(), "message"))
                    .sender(new Party(new ProviderUserId("whatsapp", "1234567890", "447700900456", Assurance.PROVIDER), null,
                            "Sam", new PhoneNumber("+447700900456", "447700900456", false, Assurance.PROVIDER), null))
                    .content(Content.text("Where is my refund? (" + i + ")"))
                    .priority(new Priority(70, PriorityBand.P2, List.of()));
            default -> b.channel(new ChannelRef("x-support", "x")).kind(ContactKind.MENTION).visibility(Visibility.PUBLIC)
                    .provider(new ProviderRef("x", "acme", "tweet-" + i + "-" + at.toEpochMilli(), "tweet_create_events"))
                    .sender(new Party(new ProviderUserId("x", "global", "2244994945", Assurance.PROVIDER), "@janecust",
                            "Jane C", null, null))
                    .content(Content.text("@acme my order " + i + " has not shipped"))
                    .traceId("4bf92f3577b34da6a3ce929d0e0e4736");
        }
        return b.build();
    }

    /**
     * @param n how many
     * @return n contacts
     */
    public static List<Contact> contacts(int n) {
        List<Contact> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(contact(i));
        }
        return out;
    }

    /**
     * @param contacts contacts
     * @param attempt  the attempt number
     * @return one delivery per contact
     */
    public static List<Delivery> deliveries(List<Contact> contacts, int attempt) {
        Instant first = Instant.now().minusSeconds(attempt > 1 ? 5 : 0);
        return contacts.stream().map(c -> new Delivery("d-" + c.id(), c, attempt, first)).toList();
    }
}
