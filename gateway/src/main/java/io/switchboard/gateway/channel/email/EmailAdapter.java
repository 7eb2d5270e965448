package io.switchboard.gateway.channel.email;

import io.switchboard.spi.channel.Accepted;
import io.switchboard.spi.channel.ChannelAdapter;
import io.switchboard.spi.channel.HttpReply;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.Intake;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;

import java.util.List;
import java.util.Set;

/**
 * Speaks inbound email (PROTOCOLS.md section 6) for one provider: verifies the post the way that provider
 * authenticates it ({@link SendGridInbound}, {@link MailgunInbound}), reads it into a {@link Mail} and turns that
 * into one {@code email} contact ({@link EmailContacts}). Answers 200 with an empty body once the contact is
 * stored; both providers retry anything else.
 */
final class EmailAdapter implements ChannelAdapter {

    private final InboundEmail provider;
    private final int maxTextChars;

    EmailAdapter(InboundEmail provider, int maxTextChars) {
        this.provider = provider;
        this.maxTextChars = maxTextChars;
    }

    @Override
    public Set<HttpMethod> eventMethods() {
        return Set.of(HttpMethod.POST);
    }

    @Override
    public void verify(InboundRequest request) {
        provider.verify(request);
    }

    @Override
    public Intake parse(InboundRequest request) {
        Mail mail = provider.read(request);
        if (mail == null) {
            return new Intake(List.of(), List.of(new Intake.Ignored(provider.ignoredEventType(), "unsupported")));
        }
        return Intake.of(EmailContacts.build(request, mail, maxTextChars));
    }

    @Override
    public Future<HttpReply> reply(InboundRequest request, Intake intake, List<Accepted> accepted) {
        return Future.succeededFuture(HttpReply.empty(200));
    }
}
