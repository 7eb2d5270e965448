package io.switchboard.plugin.identity;

import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.Endpoint;
import io.switchboard.spi.contact.MatchLevel;
import io.switchboard.spi.contact.Party;
import io.switchboard.spi.contact.PhoneNumber;
import io.switchboard.spi.contact.PhoneNumbers;
import io.switchboard.spi.contact.ProviderUserId;
import io.switchboard.spi.service.Identifier;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and normalises a contact's identifiers.
 *
 * <ul>
 *   <li>Provider user id: {@code provider:scope:id} (never a handle, which can change).</li>
 *   <li>Phone: E.164 with the gateway's {@link PhoneNumbers}. A number the adapter could not normalise is read
 *       again in the region inferred from the channel: the sender's country a provider reports (an attribute
 *       such as Twilio's {@code FromCountry}), else the region of the business number the contact was sent to
 *       (the WhatsApp number), else the region configured for the channel, else the configured default. There is
 *       no built-in default region.</li>
 *   <li>Email: trimmed and lower-cased; dots and {@code +tags} kept.</li>
 *   <li>Weak signals (optional): the display name (two words or more), the handle ({@code provider:handle}), and
 *       phone numbers and email addresses written in the text (numbers read in the sender's own number's region
 *       first).</li>
 * </ul>
 * Thread-safe.
 */
final class IdentifierExtractor {

    private static final Pattern TEXT_PHONE = Pattern.compile("(?<![\\w+])(?:\\+|00)?\\d(?:[ ().-]{0,2}\\d){6,16}(?![\\w])");
    private static final Pattern TEXT_EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final int MAX_FROM_TEXT = 3;
    /** The fewest digits {@link #TEXT_PHONE} can match. */
    private static final int MIN_PHONE_DIGITS = 7;

    /**
     * Where a provider reports the sender's country.
     *
     * @param namespace the attribute namespace
     * @param key       the key
     */
    record RegionAttribute(String namespace, String key) {
    }

    private final PhoneNumbers phones;
    private final Map<String, String> channelRegions;
    private final String defaultRegion;
    private final List<RegionAttribute> regionAttributes;
    private final boolean weakSignals;

    IdentifierExtractor(PhoneNumbers phones, Map<String, String> channelRegions, String defaultRegion,
                        List<RegionAttribute> regionAttributes, boolean weakSignals) {
        this.phones = phones;
        this.channelRegions = Map.copyOf(channelRegions);
        this.defaultRegion = defaultRegion;
        this.regionAttributes = List.copyOf(regionAttributes);
        this.weakSignals = weakSignals;
    }

    /**
     * The region national numbers of this contact's sender are read in.
     *
     * @param c the contact
     * @return the region, or null when nothing says
     */
    String region(Contact c) {
        for (RegionAttribute a : regionAttributes) {
            String v = c.attributes().getString(a.namespace(), a.key());
            if (v != null && v.strip().length() == 2 && Regions.isKnown(v)) {
                return v.strip().toUpperCase(Locale.ROOT);
            }
        }
        Endpoint r = c.recipient();
        if (r != null && "phone".equals(r.kind())) {
            String region = Regions.of(r.address());
            if (region != null) {
                return region;
            }
        }
        String configured = channelRegions.get(c.channel().id());
        return configured != null ? configured : defaultRegion;
    }

    /**
     * @param c a contact
     * @return its identifiers, strongest source first, each identifier once (at its strongest)
     */
    List<Observed> extract(Contact c) {
        List<Observed> out = new ArrayList<>();
        Set<Identifier> seen = new LinkedHashSet<>();
        Party s = c.sender();
        String region = null;
        boolean regionKnown = false;

        ProviderUserId uid = s.userId();
        if (uid != null && !uid.id().isBlank()) {
            add(out, seen, new Observed(new Identifier(Identifier.PROVIDER_USER, uid.key()), Observed.levelOf(uid.assurance()),
                    uid.assurance(), "sender.userId"));
        }
        String senderE164 = null;
        PhoneNumber p = s.phone();
        if (p != null) {
            senderE164 = p.e164();
            if (senderE164 == null) {
                region = region(c);
                regionKnown = true;
                senderE164 = phones.normalise(p.raw(), region, p.assurance()).e164();
            }
            if (senderE164 != null) {
                add(out, seen, new Observed(new Identifier(Identifier.PHONE, senderE164), Observed.levelOf(p.assurance()),
                        p.assurance(), "sender.phone"));
            }
        }
        if (s.email() != null) {
            String e = Normalise.email(s.email().address());
            if (e != null) {
                add(out, seen, new Observed(new Identifier(Identifier.EMAIL, e), Observed.levelOf(s.email().assurance()),
                        s.email().assurance(), "sender.email"));
            }
        }
        if (!weakSignals) {
            return out;
        }
        String provider = uid != null ? uid.provider() : c.provider().provider();
        String handle = Normalise.handle(provider, s.handle());
        if (handle != null) {
            add(out, seen, new Observed(new Identifier(Observed.HANDLE, handle), MatchLevel.WEAK, Assurance.INFERRED,
                    "sender.handle"));
        }
        String name = Normalise.name(s.displayName());
        if (name != null) {
            add(out, seen, new Observed(new Identifier(Observed.NAME, name), MatchLevel.WEAK, Assurance.INFERRED,
                    "sender.displayName"));
        }
        String text = c.content().text();
        if (text != null && !text.isEmpty()) {
            String textRegion = null;
            boolean textRegionKnown = false;
            int found = 0;
            boolean mayHoldPhone = mayHoldPhone(text);
            Matcher m = TEXT_PHONE.matcher(text);
            while (mayHoldPhone && m.find() && found < MAX_FROM_TEXT) {
                if (!textRegionKnown) {
                    textRegion = Regions.of(senderE164);
                    if (textRegion == null) {
                        textRegion = regionKnown ? region : region(c);
                    }
                    textRegionKnown = true;
                }
                String e164 = phones.normalise(m.group(), textRegion, Assurance.INFERRED).e164();
                if (e164 != null && add(out, seen, new Observed(new Identifier(Identifier.PHONE, e164), MatchLevel.WEAK,
                        Assurance.INFERRED, "content.text"))) {
                    found++;
                }
            }
            found = 0;
            boolean mayHoldEmail = text.indexOf('@') >= 0;
            m = TEXT_EMAIL.matcher(text);
            while (mayHoldEmail && m.find() && found < MAX_FROM_TEXT) {
                String e = Normalise.email(m.group());
                if (e != null && add(out, seen, new Observed(new Identifier(Identifier.EMAIL, e), MatchLevel.WEAK,
                        Assurance.INFERRED, "content.text"))) {
                    found++;
                }
            }
        }
        return out;
    }

    /**
     * Whether {@link #TEXT_PHONE} can match anywhere in {@code text}: it needs {@value #MIN_PHONE_DIGITS} ASCII digits
     * at least. Most messages have fewer, and this count costs far less than running the pattern (with its
     * look-behind) at every position.
     */
    static boolean mayHoldPhone(String text) {
        int digits = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char ch = text.charAt(i);
            if (ch >= '0' && ch <= '9' && ++digits >= MIN_PHONE_DIGITS) {
                return true;
            }
        }
        return false;
    }

    /** The pattern numbers in free text are found with (for tests). */
    static Pattern textPhonePattern() {
        return TEXT_PHONE;
    }

    private static boolean add(List<Observed> out, Set<Identifier> seen, Observed o) {
        if (!seen.add(o.identifier())) {
            return false;
        }
        out.add(o);
        return true;
    }
}
