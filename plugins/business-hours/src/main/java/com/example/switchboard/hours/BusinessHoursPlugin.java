package com.example.switchboard.hours;

import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.plugin.ContactPlugin;
import io.switchboard.spi.plugin.PluginContext;
import io.switchboard.spi.plugin.PluginResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Decides whether a contact arrived within opening hours. Pure computation, so it runs on the event loop and
 * answers with an already-completed future. It always records its decision under the {@code business-hours}
 * attribute namespace ({@code open}, {@code state}, {@code localTime}, and while closed {@code nextOpening}), and
 * tags contacts that arrived while closed. Thread-safe (immutable).
 */
final class BusinessHoursPlugin implements ContactPlugin {

    static final String NAMESPACE = "business-hours";

    private final Hours hours;
    private final String tag;
    private final boolean useOccurredAt;

    BusinessHoursPlugin(Hours hours, String tag, boolean useOccurredAt) {
        this.hours = hours;
        this.tag = tag;
        this.useOccurredAt = useOccurredAt;
    }

    @Override
    public Future<PluginResult> apply(Contact contact, PluginContext context) {
        Instant at = useOccurredAt && contact.occurredAt() != null ? contact.occurredAt() : contact.receivedAt();
        Hours.State state = hours.at(at);
        JsonObject decision = new JsonObject()
                .put("open", state == Hours.State.OPEN)
                .put("state", state.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .put("localTime", LocalDateTime.ofInstant(at, hours.zone()).truncatedTo(ChronoUnit.MINUTES).toString())
                .put("timeZone", hours.zone().getId());
        Contact.Builder b = contact.toBuilder();
        if (state != Hours.State.OPEN) {
            Instant next = hours.nextOpening(at);
            if (next != null) {
                decision.put("nextOpening", next.toString());
            }
            b.tag(tag);
        }
        b.attributes(contact.attributes().withNamespace(NAMESPACE, decision));
        return Future.succeededFuture(PluginResult.proceed(b.build()));
    }
}
