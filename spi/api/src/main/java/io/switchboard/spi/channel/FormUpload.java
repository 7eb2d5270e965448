package io.switchboard.spi.channel;

import io.vertx.core.buffer.Buffer;

/**
 * A file part of a {@code multipart/form-data} request.
 *
 * @param field       the form field name
 * @param filename    the file name the client gave; nullable
 * @param contentType the part's content type; nullable
 * @param content     the part's bytes
 */
public record FormUpload(String field, String filename, String contentType, Buffer content) {

    /** @return the size in bytes */
    public long size() {
        return content.length();
    }
}
