package io.switchboard.spi.contact;

/**
 * Phone-number normalisation, provided by the gateway (backed by libphonenumber) to channel adapters
 * and plugins through their contexts, so that every component normalises numbers the same way.
 *
 * <p>Rule: every <em>possible</em> number is normalised to E.164; whether the metadata calls it valid is
 * recorded separately ({@link PhoneNumber#valid()}). A number is never dropped only because its range
 * is unknown to the metadata. Thread-safe.
 */
public interface PhoneNumbers {

    /**
     * Normalises a number.
     *
     * @param raw        the number as written ({@code +44 7700 900123}, {@code 07700 900123},
     *                   {@code whatsapp:+447700900123}, {@code 447700900123} for WhatsApp ids)
     * @param region     the ISO 3166 region to read national numbers in (e.g. {@code GB}, from Twilio's
     *                   {@code FromCountry} or the channel's configuration); null when unknown, in which
     *                   case only international numbers normalise
     * @param assurance  how the number was obtained
     * @return the number; {@link PhoneNumber#e164()} is null when it is not a possible number
     */
    PhoneNumber normalise(String raw, String region, Assurance assurance);
}
