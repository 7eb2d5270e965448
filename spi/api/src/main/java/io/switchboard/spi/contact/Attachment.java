package io.switchboard.spi.contact;

/**
 * An attachment, kept as a reference (the gateway does not download media). Nullable components.
 *
 * @param kind        {@code image}, {@code video}, {@code audio}, {@code file}, {@code location},
 *                    {@code sticker}, {@code recording}, …
 * @param url         where the provider serves it, when it gives a URL
 * @param providerId  the provider's media id, when it gives an id instead of a URL (WhatsApp)
 * @param contentType the MIME type
 * @param filename    the file name
 * @param size        the size in bytes, or null
 * @param sha256      the provider's SHA-256 of the content, or null
 * @param caption     a caption
 */
public record Attachment(String kind, String url, String providerId, String contentType, String filename,
                         Long size, String sha256, String caption) {
}
