package io.switchboard.gateway.channel.twilio;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;

/**
 * Writes TwiML documents with the JDK's StAX writer, so every text and attribute value is XML-escaped.
 * Characters XML 1.0 cannot carry at all (most control characters) are dropped rather than written.
 */
final class Twiml {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private final StringWriter out = new StringWriter(256);
    private final XMLStreamWriter w;

    private Twiml() {
        try {
            w = FACTORY.createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("Response");
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write TwiML", e);
        }
    }

    /** @return a document with its {@code <Response>} root open */
    static Twiml response() {
        return new Twiml();
    }

    /**
     * Opens an element.
     *
     * @param name           the verb or noun, e.g. {@code Say}
     * @param namesAndValues attribute names and values, alternating; null values are left out
     * @return this
     */
    Twiml open(String name, String... namesAndValues) {
        try {
            w.writeStartElement(name);
            attributes(namesAndValues);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write TwiML", e);
        }
        return this;
    }

    /**
     * Writes an element without content.
     *
     * @param name           the verb
     * @param namesAndValues attribute names and values, alternating; null values are left out
     * @return this
     */
    Twiml empty(String name, String... namesAndValues) {
        try {
            w.writeEmptyElement(name);
            attributes(namesAndValues);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write TwiML", e);
        }
        return this;
    }

    /**
     * Writes an element with text content.
     *
     * @param name           the verb or noun
     * @param text           its text
     * @param namesAndValues attribute names and values, alternating; null values are left out
     * @return this
     */
    Twiml text(String name, String text, String... namesAndValues) {
        open(name, namesAndValues);
        try {
            w.writeCharacters(clean(text));
            w.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write TwiML", e);
        }
        return this;
    }

    /** @return this, with the innermost open element closed */
    Twiml close() {
        try {
            w.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write TwiML", e);
        }
        return this;
    }

    /** @return the document, every open element closed */
    String end() {
        try {
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write TwiML", e);
        }
        return out.toString();
    }

    private void attributes(String... namesAndValues) throws XMLStreamException {
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                w.writeAttribute(namesAndValues[i], clean(namesAndValues[i + 1]));
            }
        }
    }

    /** Drops the code points XML 1.0 cannot represent. */
    static String clean(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (!ok && sb == null) {
                sb = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (ok && sb != null) {
                sb.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return sb == null ? s : sb.toString();
    }
}
