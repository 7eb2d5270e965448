package io.switchboard.spi.contact;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactJsonTest {

    static Validator schemaValidator() throws IOException {
        try (InputStream in = ContactJson.class.getResourceAsStream(ContactJson.SCHEMA_RESOURCE)) {
            assertThat(in).as("schema resource " + ContactJson.SCHEMA_RESOURCE).isNotNull();
            JsonObject schema = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return Validator.create(JsonSchema.of(schema), new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
                    .setBaseUri("https://switchboard.io/schemas/").setOutputFormat(io.vertx.json.schema.OutputFormat.Basic));
        }
    }

    @Test
    void fullContactShouldRoundTrip() {
        Contact c = Contacts.full();
        assertThat(ContactJson.fromJson(ContactJson.toJson(c))).isEqualTo(c);
    }

    @Test
    void fullContactShouldRoundTripThroughEncodedText() {
        Contact c = Contacts.full();
        String text = ContactJson.toJson(c).encode();
        assertThat(ContactJson.fromJson(new JsonObject(text))).isEqualTo(c);
    }

    @Test
    void minimalContactShouldRoundTripWithDefaults() {
        Contact c = Contacts.minimal();
        Contact back = ContactJson.fromJson(new JsonObject(ContactJson.toJson(c).encode()));
        assertThat(back).isEqualTo(c);
        assertThat(back.tenant()).isEqualTo(Contact.DEFAULT_TENANT);
        assertThat(back.sender()).isEqualTo(Party.UNKNOWN);
        assertThat(back.processing().status()).isEqualTo(ProcessingStatus.ACCEPTED);
    }

    @Test
    void writtenJsonShouldBeValidAgainstThePublishedSchema() throws IOException {
        Validator v = schemaValidator();
        for (Contact c : List.of(Contacts.full(), Contacts.minimal())) {
            OutputUnit out = v.validate(new JsonObject(ContactJson.toJson(c).encode()));
            assertThat(out.getValid()).as(String.valueOf(out.getErrors())).isTrue();
        }
    }

    @Test
    void schemaShouldRejectAnUnknownKind() throws IOException {
        JsonObject json = ContactJson.toJson(Contacts.minimal()).put("kind", "carrier-pigeon");
        assertThat(schemaValidator().validate(json).getValid()).isFalse();
    }

    @Test
    void schemaShouldRejectAMissingProviderEventId() throws IOException {
        JsonObject json = ContactJson.toJson(Contacts.minimal());
        json.getJsonObject("provider").remove("eventId");
        assertThat(schemaValidator().validate(json).getValid()).isFalse();
    }

    @Test
    void writtenEnumsShouldBeLowerCaseWithHyphens() {
        JsonObject json = ContactJson.toJson(Contacts.full());
        assertThat(json.getString("kind")).isEqualTo("message");
        assertThat(json.getJsonObject("sender").getJsonObject("email").getString("assurance"))
                .isEqualTo("self-asserted");
        assertThat(json.getJsonObject("priority").getString("band")).isEqualTo("P2");
    }

    @Test
    void readingShouldIgnoreUnknownFields() {
        JsonObject json = ContactJson.toJson(Contacts.minimal()).put("addedInV2", "x");
        json.getJsonObject("sender").put("future", true);
        assertThat(ContactJson.fromJson(json)).isEqualTo(Contacts.minimal());
    }

    @Test
    void readingShouldNameAMissingRequiredField() {
        JsonObject json = ContactJson.toJson(Contacts.minimal());
        json.remove("receivedAt");
        assertThatThrownBy(() -> ContactJson.fromJson(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("receivedAt is required");
    }

    @Test
    void readingShouldNameAWronglyTypedNestedField() {
        JsonObject json = ContactJson.toJson(Contacts.full());
        json.getJsonObject("priority").put("score", "high");
        assertThatThrownBy(() -> ContactJson.fromJson(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("priority.score must be an integer");
    }

    @Test
    void readingShouldRejectAnUnknownEnumValue() {
        JsonObject json = ContactJson.toJson(Contacts.minimal()).put("visibility", "secret");
        assertThatThrownBy(() -> ContactJson.fromJson(json)).hasMessageContaining("visibility has unknown value 'secret'");
    }

    @Test
    void readingShouldRejectANewerSchemaVersion() {
        JsonObject json = ContactJson.toJson(Contacts.minimal()).put("schemaVersion", Contact.SCHEMA_VERSION + 1);
        assertThatThrownBy(() -> ContactJson.fromJson(json)).hasMessageContaining("schemaVersion");
    }

    @Test
    void toStringShouldNotLeakPersonalData() {
        String s = Contacts.full().toString();
        assertThat(s).doesNotContain("Jane", "16505551234", "jane@example.com", "another color");
    }

    @Test
    void attributesShouldBeImmutableFromOutside() {
        Contact c = Contacts.full();
        c.attributes().namespace("twilio").put("FromCity", "Paris");
        assertThat(c.attributes().getString("twilio", "FromCity")).isEqualTo("London");
    }
}
