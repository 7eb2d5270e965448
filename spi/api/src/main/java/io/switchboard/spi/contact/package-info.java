/**
 * The one contact model: every inbound contact, whatever its channel, is a {@link io.switchboard.spi.contact.Contact}.
 *
 * <p>All types here are immutable records. Collections are copied on construction and unmodifiable;
 * nullable components are documented as such. The JSON form is produced and read by
 * {@link io.switchboard.spi.contact.ContactJson} and described by the JSON Schema
 * {@code io/switchboard/spi/contact.schema.json} in this jar.
 */
package io.switchboard.spi.contact;
