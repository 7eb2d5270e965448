package io.switchboard.gateway.testing;

import io.switchboard.gateway.http.InboundRequestImpl;
import io.switchboard.gateway.phone.LibPhoneNumbers;
import io.switchboard.spi.channel.Accepted;
import io.switchboard.spi.channel.ChannelAdapter;
import io.switchboard.spi.channel.ChannelAdapterFactory;
import io.switchboard.spi.channel.ChannelInitContext;
import io.switchboard.spi.channel.HttpReply;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.Intake;
import io.switchboard.spi.config.ConfigSpec;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.SecretResolver;
import io.switchboard.spi.contact.ChannelRef;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.PhoneNumbers;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a channel adapter without HTTP: builds it from a config mapping (validated against its spec, with
 * secrets from a map), and feeds it requests built from raw bytes exactly as the gateway would.
 *
 * <pre>{@code
 * AdapterHarness h = AdapterHarness.of(new TwilioMessagingAdapterFactory(), "sms",
 *         new JsonObject().put("authToken", "${env:TOKEN}"), Map.of("TOKEN", "12345"));
 * InboundRequest req = h.request(HttpMethod.POST, "https://example.com/webhooks/sms")
 *         .header("Content-Type", "application/x-www-form-urlencoded").body("From=...").build();
 * h.adapter().verify(req);
 * Intake in = h.adapter().parse(req);
 * }</pre>
 */
public final class AdapterHarness {

    private static final Vertx VERTX = Vertx.vertx();

    private final ChannelAdapterFactory factory;
    private final String channelId;
    private final ChannelAdapter adapter;
    private final Clock clock;

    private AdapterHarness(ChannelAdapterFactory factory, String channelId, ChannelAdapter adapter, Clock clock) {
        this.factory = factory;
        this.channelId = channelId;
        this.adapter = adapter;
        this.clock = clock;
    }

    /**
     * @param factory   the adapter factory
     * @param channelId the channel id
     * @param config    the channel's own configuration (without the common keys such as {@code type})
     * @param env       environment variables for {@code ${env:…}} secrets
     * @return the harness, with the system clock
     */
    public static AdapterHarness of(ChannelAdapterFactory factory, String channelId, JsonObject config,
                                    Map<String, String> env) {
        return of(factory, channelId, config, env, Clock.systemUTC());
    }

    /**
     * @param factory   the adapter factory
     * @param channelId the channel id
     * @param config    the channel's own configuration
     * @param env       environment variables for secrets
     * @param clock     the clock the adapter reads (replay windows)
     * @return the harness
     * @throws io.switchboard.spi.config.ConfigException when the configuration is invalid
     */
    public static AdapterHarness of(ChannelAdapterFactory factory, String channelId, JsonObject config,
                                    Map<String, String> env, Clock clock) {
        ConfigValues values = validate(factory.configSpec(), config, env);
        PhoneNumbers phones = new LibPhoneNumbers();
        ChannelAdapter adapter = factory.create(new ChannelInitContext() {
            @Override
            public Vertx vertx() {
                return VERTX;
            }

            @Override
            public String channelId() {
                return channelId;
            }

            @Override
            public String tenant() {
                return "default";
            }

            @Override
            public ConfigValues config() {
                return values;
            }

            @Override
            public PhoneNumbers phoneNumbers() {
                return phones;
            }

            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public <T> Optional<T> service(Class<T> type) {
                return Optional.empty();
            }
        });
        return new AdapterHarness(factory, channelId, adapter, clock);
    }

    /**
     * Validates a channel configuration against a spec.
     *
     * @param spec   the spec
     * @param config the configuration
     * @param env    environment variables for secrets
     * @return the values
     */
    public static ConfigValues validate(ConfigSpec spec, JsonObject config, Map<String, String> env) {
        SecretResolver secrets = (scheme, name) -> "env".equals(scheme) ? Optional.ofNullable(env.get(name))
                : Optional.empty();
        return spec.validate(config, secrets).orThrow("test");
    }

    /** @return the adapter */
    public ChannelAdapter adapter() {
        return adapter;
    }

    /**
     * @param method    the method
     * @param publicUrl the full URL as the provider called it, query included
     * @return a request builder
     */
    public RequestBuilder request(HttpMethod method, String publicUrl) {
        return new RequestBuilder(method, publicUrl);
    }

    /**
     * Runs verify and parse, as the gateway does after a handshake returned empty.
     *
     * @param request the request
     * @return the intake
     */
    public Intake verifyAndParse(InboundRequest request) {
        adapter.verify(request);
        return adapter.parse(request);
    }

    /**
     * Builds the reply as the gateway would after storing every contact as new.
     *
     * @param request the request
     * @param intake  what parse returned
     * @return the reply
     */
    public HttpReply replyAllNew(InboundRequest request, Intake intake) {
        List<Accepted> accepted = new ArrayList<>();
        for (Contact c : intake.contacts()) {
            accepted.add(new Accepted(c, c.id(), false));
        }
        try {
            return adapter.reply(request, intake, accepted).toCompletionStage().toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("reply failed", e);
        }
    }

    /** Builds a request. */
    public final class RequestBuilder {
        private final HttpMethod method;
        private final String publicUrl;
        private final MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        private Buffer body = Buffer.buffer();
        private Instant receivedAt;

        private RequestBuilder(HttpMethod method, String publicUrl) {
            this.method = method;
            this.publicUrl = publicUrl;
        }

        /** @param name header @param value value @return this */
        public RequestBuilder header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        /** @param text body as UTF-8 @return this */
        public RequestBuilder body(String text) {
            this.body = Buffer.buffer(text.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /** @param bytes body @return this */
        public RequestBuilder body(byte[] bytes) {
            this.body = Buffer.buffer(bytes);
            return this;
        }

        /** @param at receive time @return this */
        public RequestBuilder receivedAt(Instant at) {
            this.receivedAt = at;
            return this;
        }

        /** @return the request */
        public InboundRequestImpl build() {
            int q = publicUrl.indexOf('?');
            String rawQuery = q < 0 ? null : publicUrl.substring(q + 1);
            return new InboundRequestImpl(new ChannelRef(channelId, factory.type()), "default", method, publicUrl,
                    rawQuery, headers, body, "127.0.0.1", receivedAt == null ? clock.instant() : receivedAt,
                    "0af7651916cd43dd8448eb211c80319c", 64, 200);
        }
    }
}
