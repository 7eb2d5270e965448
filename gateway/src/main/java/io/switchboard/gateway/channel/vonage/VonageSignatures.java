package io.switchboard.gateway.channel.vonage;

import io.switchboard.spi.channel.ChannelInitContext;
import io.switchboard.spi.channel.FormFields;
import io.switchboard.spi.channel.InboundRequest;
import io.switchboard.spi.channel.RequestRejectedException;
import io.switchboard.spi.config.ConfigException;
import io.switchboard.spi.config.ConfigKey;
import io.switchboard.spi.config.ConfigProblem;
import io.switchboard.spi.config.ConfigValues;
import io.switchboard.spi.config.Validator;
import io.vertx.core.http.HttpMethod;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Verifies Vonage's signed webhooks (PROTOCOLS.md 4.1), shared by {@code vonage-voice} and
 * {@code vonage-messages}: {@code Authorization: Bearer <JWT>}, HS256 with the signature secret of the account
 * named by the token's {@code api_key} claim, time claims with a clock-skew allowance and a replay window on
 * {@code iat}, an optional {@code application_id} binding, and the {@code payload_hash} claim: the hex SHA-256
 * of the raw body of a POST, or (for a GET, Vonage's default for voice answer webhooks) of the query
 * parameters as a JSON object in the order received, without whitespace, as Vonage's support article on
 * verifying Voice webhooks describes. Every failure is the same 401.
 */
final class VonageSignatures {

    static final String AUTHORIZATION = "Authorization";

    private static final Pattern API_KEY_FORM = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
    private static final Validator API_KEY = Validator.<String>of(s -> API_KEY_FORM.matcher(s).matches(),
            "must be a Vonage API key such as abcd1234");

    /** The keys both Vonage channel types take. */
    static final List<ConfigKey> KEYS = List.of(
            ConfigKey.secret("signatureSecret")
                    .doc("The account's signature secret (Dashboard > API settings > Signed webhooks), used as its UTF-8 "
                            + "bytes to verify the HS256 JWT in `Authorization: Bearer`. Required unless `accounts` is given."),
            ConfigKey.string("apiKey").validate(API_KEY)
                    .doc("The API key of the account `signatureSecret` belongs to. When set, a token whose `api_key` "
                            + "claim names another key is only accepted with that key's entry in `accounts`; when "
                            + "absent, `signatureSecret` verifies every token that no `accounts` entry claims."),
            ConfigKey.objects("accounts", io.switchboard.spi.config.ConfigSpec.of(
                            ConfigKey.string("apiKey").required().validate(API_KEY)
                                    .doc("The account's (or subaccount's) API key, as in the token's `api_key` claim."),
                            ConfigKey.secret("signatureSecret").required()
                                    .doc("That account's signature secret.")))
                    .doc("More accounts posting to this channel (subaccounts, a secret being rotated): the token's "
                            + "`api_key` claim picks the signature secret."),
            ConfigKey.string("applicationId").validate(Validator.<String>of(s -> s.matches("^[0-9a-fA-F-]{8,64}$"),
                            "must be a Vonage application id such as aaaaaaaa-bbbb-cccc-dddd-0123456789ab"))
                    .doc("When set, tokens must carry this `application_id` claim, so that webhooks signed for another "
                            + "application of the same account are refused."),
            ConfigKey.duration("maxTokenAge").defaultValue("5m").validate(Validator.positiveDuration())
                    .doc("Replay window: a token whose `iat` is older than this (plus `clockSkew`) is refused."),
            ConfigKey.duration("clockSkew").defaultValue("30s")
                    .validate(Validator.<Duration>of(d -> !d.isNegative() && d.compareTo(Duration.ofMinutes(5)) <= 0,
                            "must be between 0s and 5m"))
                    .doc("Allowed difference between Vonage's clock and ours when checking `exp`, `nbf` and `iat`."));

    private final Map<String, byte[]> byApiKey;
    private final byte[] fallback;
    private final String applicationId;
    private final Duration maxAge;
    private final Duration skew;
    private final Clock clock;

    private VonageSignatures(Map<String, byte[]> byApiKey, byte[] fallback, String applicationId, Duration maxAge,
                             Duration skew, Clock clock) {
        this.byApiKey = byApiKey;
        this.fallback = fallback;
        this.applicationId = applicationId;
        this.maxAge = maxAge;
        this.skew = skew;
        this.clock = clock;
    }

    /**
     * @param ctx the channel's init context
     * @return the verifier
     * @throws ConfigException when no secret is configured or an API key is declared twice
     */
    static VonageSignatures from(ChannelInitContext ctx) {
        ConfigValues c = ctx.config();
        Map<String, byte[]> keys = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        String secret = c.getString("signatureSecret");
        String apiKey = c.getString("apiKey");
        byte[] fallback = null;
        if (secret != null) {
            if (apiKey != null) {
                keys.put(apiKey, utf8(secret));
            } else {
                fallback = utf8(secret);
            }
        } else if (apiKey != null) {
            problems.add(ConfigProblem.invalid("apiKey", "needs signatureSecret", apiKey));
        }
        List<ConfigValues> accounts = c.getObjects("accounts");
        for (int i = 0; i < accounts.size(); i++) {
            ConfigValues a = accounts.get(i);
            if (keys.putIfAbsent(a.getString("apiKey"), utf8(a.getString("signatureSecret"))) != null) {
                problems.add(ConfigProblem.invalid("accounts[" + i + "].apiKey", "is declared twice",
                        a.getString("apiKey")));
            }
        }
        if (secret == null && accounts.isEmpty()) {
            problems.add(ConfigProblem.invalid("signatureSecret", "is required unless accounts is given", null));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("channels." + ctx.channelId(), problems);
        }
        return new VonageSignatures(Map.copyOf(keys), fallback, c.getString("applicationId"),
                c.getDuration("maxTokenAge"), c.getDuration("clockSkew"), ctx.clock());
    }

    /**
     * @param request       the request
     * @param retryUnsigned answer a request without any {@code Authorization} header with 429, which Vonage
     *                      retries, instead of 401: the Messages API documents that "in the rare case of an
     *                      internal error" it may send an unsigned callback, to be refused so that it retries
     *                      signed. Nothing unsigned is ever accepted either way.
     * @throws RequestRejectedException 401 when any check fails (429 for a missing header, as above)
     */
    void verify(InboundRequest request, boolean retryUnsigned) {
        String auth = request.headers().get(AUTHORIZATION);
        if (auth == null && retryUnsigned) {
            throw RequestRejectedException.tooManyRequests("unsigned-retry", 5);
        }
        if (auth == null || auth.length() < 8 || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw RequestRejectedException.unauthorized("signature-missing");
        }
        VonageJwt.Token token = VonageJwt.decode(auth.substring(7).strip());
        if (token == null) {
            throw RequestRejectedException.unauthorized("token-malformed");
        }
        Object claimedKey = token.claims().getValue("api_key");
        byte[] secret = claimedKey instanceof String k && byApiKey.containsKey(k) ? byApiKey.get(k) : fallback;
        if (secret == null || !token.signedWith(secret)) {
            throw RequestRejectedException.unauthorized("signature-invalid");
        }
        String times = token.timesAcceptable(clock.instant(), skew, maxAge);
        if (times != null) {
            throw RequestRejectedException.unauthorized(times);
        }
        if (applicationId != null && !applicationId.equalsIgnoreCase(String.valueOf(token.claims().getValue("application_id")))) {
            throw RequestRejectedException.unauthorized("application-id");
        }
        byte[] claimedHash = hex(token.claims().getValue("payload_hash"));
        if (claimedHash == null || !MessageDigest.isEqual(claimedHash, payloadHash(request))) {
            throw RequestRejectedException.unauthorized("payload-hash");
        }
    }

    /**
     * The {@code api_key} claim of a request that {@link #verify} accepted: the Vonage account it came from.
     *
     * @param request the verified request
     * @return the API key, or null
     */
    static String apiKey(InboundRequest request) {
        String auth = request.headers().get(AUTHORIZATION);
        VonageJwt.Token token = auth == null || auth.length() < 8 ? null : VonageJwt.decode(auth.substring(7).strip());
        Object key = token == null ? null : token.claims().getValue("api_key");
        return key instanceof String k && API_KEY_FORM.matcher(k).matches() ? k : null;
    }

    /**
     * What {@code payload_hash} covers: the raw body, except for a body-less GET, where Vonage hashes the query
     * parameters as a JSON object.
     *
     * @param request the request
     * @return the SHA-256
     */
    static byte[] payloadHash(InboundRequest request) {
        if (request.method() == HttpMethod.GET && request.body().length() == 0) {
            return sha256(queryAsJson(request.queryParams()).getBytes(StandardCharsets.UTF_8));
        }
        return sha256(request.body().getBytes());
    }

    /**
     * The query parameters as {@code JSON.stringify} writes an object of them: names in first-seen order, no
     * whitespace, a repeated name as an array of its values (as Express's query parser makes it).
     *
     * @param params the decoded parameters
     * @return the JSON text
     */
    static String queryAsJson(FormFields params) {
        StringBuilder sb = new StringBuilder("{");
        for (String name : params.names()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            jsString(sb, name).append(':');
            List<String> values = params.getAll(name);
            if (values.size() == 1) {
                jsString(sb, values.get(0));
            } else {
                sb.append('[');
                for (int i = 0; i < values.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    jsString(sb, values.get(i));
                }
                sb.append(']');
            }
        }
        return sb.append('}').toString();
    }

    /** A string as ECMAScript's JSON.stringify quotes it (well-formed variant: lone surrogates escaped). */
    private static StringBuilder jsString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }

    private static byte[] hex(Object claim) {
        if (!(claim instanceof String s) || s.length() != 64) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
