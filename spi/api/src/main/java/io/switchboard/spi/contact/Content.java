package io.switchboard.spi.contact;

import java.util.List;

/**
 * What the contact says.
 *
 * @param text        the text (for email: the plain text, HTML reduced to text); nullable
 * @param subject     the subject (email, form); nullable
 * @param language    the language as a BCP-47 tag, when known; nullable
 * @param attachments attachments, never null
 */
public record Content(String text, String subject, String language, List<Attachment> attachments) {

    /** No content. */
    public static final Content EMPTY = new Content(null, null, null, List.of());

    /** Canonical constructor; copies the attachments. */
    public Content {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /**
     * Plain text content.
     *
     * @param text the text
     * @return the content
     */
    public static Content text(String text) {
        return new Content(text, null, null, List.of());
    }

    /** @param text the text @return a copy with the text */
    public Content withText(String text) {
        return new Content(text, subject, language, attachments);
    }

    /** @param language the BCP-47 tag @return a copy with the language */
    public Content withLanguage(String language) {
        return new Content(text, subject, language, attachments);
    }
}
