package io.switchboard.gateway.testing;

import io.switchboard.spi.SpiVersion;
import io.switchboard.spi.channel.Accepted;
import io.switchboard.spi.channel.ChannelAdapter;
import io.switchboard.spi.channel.ChannelAdapterFactory;
import io.switchboard.spi.channel.ChannelInitContext;
import io.switchboard.spi.channel.HttpReply;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.Intake;
import io.switchboard.spi.channel.RequestRejectedException;
import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.ProviderRef;
import io.switchboard.spi.contact.Visibility;
import io.vertx.core.Future;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * A test-only channel type with a required secret (header {@code X-Test-Secret}); not registered with
 * ServiceLoader, pass it to {@code ChannelRegistry.of(...)}.
 */
public final class SecretChannelFactory implements ChannelAdapterFactory {

    @Override
    public String type() {
        return "test-secret";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.of(ConfigKey.secret("secret").required().doc("The shared secret."));
    }

    @Override
    public ChannelAdapter create(ChannelInitContext ctx) {
        byte[] secret = ctx.config().getString("secret").getBytes(StandardCharsets.UTF_8);
        return new ChannelAdapter() {
            @Override
            public void verify(InboundRequest request) {
                String h = request.headers().get("X-Test-Secret");
                if (h == null || !MessageDigest.isEqual(h.getBytes(StandardCharsets.UTF_8), secret)) {
                    throw RequestRejectedException.unauthorized("secret");
                }
            }

            @Override
            public Intake parse(InboundRequest request) {
                String id = request.jsonObject().getString("id");
                if (id == null) {
                    throw RequestRejectedException.malformed("missing-field", "id is required");
                }
                return Intake.of(request.newContact().kind(ContactKind.MESSAGE).visibility(Visibility.PRIVATE)
                        .provider(new ProviderRef("test", null, id, null)).build());
            }

            @Override
            public Future<HttpReply> reply(InboundRequest request, Intake intake, List<Accepted> accepted) {
                return Future.succeededFuture(HttpReply.empty(200));
            }
        };
    }
}
