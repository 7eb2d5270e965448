package io.switchboard.gateway.sink.http;

import io.switchboard.gateway.testing.SinkContacts;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactJson;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The http sink's template language: paths, choices, filters, and escaping for each place a value goes. */
class ContactTemplateTest {

    private static final JsonObject FORM = ContactJson.toJson(SinkContacts.contact(0));
    private static final JsonObject TWEET = ContactJson.toJson(SinkContacts.contact(2));

    private static String text(String template, JsonObject contact) {
        return ContactTemplate.parse(template).render(contact, ContactTemplate.Target.JSON);
    }

    private static Object doc(JsonObject template, JsonObject contact) {
        return ContactTemplate.compile(template).render(contact);
    }

    private static JsonObject withText(String text) {
        Contact c = SinkContacts.contact(0);
        return ContactJson.toJson(c.toBuilder().content(c.content().withText(text)).build());
    }

    @Test
    void pathsShouldReadNestedFieldsAndArrayItems() {
        assertThat(text("{{sender.email.address}} / {{channel.type}} / {{tags.0}}", FORM.copy().put("tags",
                new JsonArray().add("vip")))).isEqualTo("jane.doe@example.com / web-form / vip");
        assertThat(text("<{{sender.email.address}}>", TWEET)).isEqualTo("<>");
    }

    @Test
    void choicesShouldTakeTheFirstValueAndFallBackToALiteral() {
        assertThat(text("{{content.subject ?? content.text}}", FORM)).isEqualTo("Order 0");
        assertThat(text("{{content.subject ?? content.text}}", TWEET)).isEqualTo("@acme my order 2 has not shipped");
        assertThat(text("{{sender.email.address ?? 'no email, it\\'s a tweet'}}", TWEET)).isEqualTo("no email, it's a tweet");
        assertThat(text("{{content.text ?? 'x'}}", withText(""))).as("an empty string has no value").isEqualTo("x");
    }

    @Test
    void filtersShouldTruncateByCharacterAndChangeCase() {
        assertThat(text("{{content.text | truncate:3}}", withText("😀😀😀😀"))).isEqualTo("😀😀😀");
        assertThat(text("{{channel.type | upper}}", FORM)).isEqualTo("WEB-FORM");
        assertThat(text("{{sender.displayName | lower | truncate:4}}", FORM)).isEqualTo("jane");
    }

    @Test
    void aValueInAJsonBodyShouldNeverBreakOutOfItsString() {
        String hostile = "\"}, \"admin\": true, \"x\": {\"\\\u0000\n\u2028</script>";
        Object rendered = doc(new JsonObject().put("ticket", new JsonObject().put("body", "Said: {{content.text}}")),
                withText(hostile));
        JsonObject parsed = new JsonObject(Json.encode(rendered));
        assertThat(parsed.fieldNames()).containsExactly("ticket");
        assertThat(parsed.getJsonObject("ticket").fieldNames()).containsExactly("body");
        assertThat(parsed.getJsonObject("ticket").getString("body")).isEqualTo("Said: " + hostile);
    }

    @Property(tries = 500)
    void anyTextShouldRoundTripThroughAJsonBody(@ForAll String anything) {
        Object rendered = doc(new JsonObject().put("a", "{{content.text}}").put("b", "<{{content.text}}>"),
                withText(anything));
        JsonObject parsed = new JsonObject(Json.encode(rendered));
        if (anything.isEmpty()) {
            assertThat(parsed.containsKey("a")).isFalse();
        } else {
            assertThat(parsed.getString("a")).isEqualTo(anything);
        }
        assertThat(parsed.getString("b")).isEqualTo("<" + anything + ">");
    }

    @Property(tries = 300)
    void anyTextShouldStayOnePathSegment(@ForAll String anything) {
        JsonObject c = FORM.copy().put("conversationKey", anything.isEmpty() ? "k" : anything);
        String path = ContactTemplate.parse("/notes/{{conversationKey}}/x").render(c, ContactTemplate.Target.PATH);
        URI u = URI.create("http://crm.example" + path);
        assertThat(u.getRawPath().split("/", -1)).hasSize(4);
        assertThat(u.getPath()).isEqualTo("/notes/" + (anything.isEmpty() ? "k" : anything) + "/x");
    }

    @Test
    void aHeaderValueShouldNotCarryLineBreaks() {
        String v = ContactTemplate.parse("{{content.text}}").render(withText("a\r\nX-Injected: 1"),
                ContactTemplate.Target.HEADER);
        assertThat(v).isEqualTo("a  X-Injected: 1").doesNotContain("\r").doesNotContain("\n");
    }

    @Test
    void aWholeExpressionShouldKeepItsJsonTypeAndAnAbsentOneShouldDropItsKey() {
        JsonObject out = (JsonObject) doc(new JsonObject().put("version", "{{schemaVersion}}")
                .put("sender", "{{sender}}").put("email", "{{sender.email.address}}")
                .put("list", new JsonArray().add("{{sender.email.address}}").add("{{channel.id}}")).put("fixed", 7), TWEET);
        assertThat(out.getValue("version")).isEqualTo(1);
        assertThat(out.getJsonObject("sender").getString("handle")).isEqualTo("@janecust");
        assertThat(out.containsKey("email")).isFalse();
        assertThat(out.getJsonArray("list")).containsExactly("x-support");
        assertThat(out.getInteger("fixed")).isEqualTo(7);
        assertThat(doc(new JsonObject().put("all", "{{$}}"), TWEET)).isEqualTo(new JsonObject().put("all", TWEET));
    }

    @Test
    void anObjectWithIfShouldBeKeptOnlyWhenItsConditionHasAValue() {
        JsonObject t = new JsonObject().put("requester", new JsonObject().put("$if", "{{sender.email.address}}")
                .put("email", "{{sender.email.address}}"));
        assertThat(doc(t, FORM)).isEqualTo(new JsonObject().put("requester",
                new JsonObject().put("email", "jane.doe@example.com")));
        assertThat(doc(t, TWEET)).isEqualTo(new JsonObject());
    }

    @Test
    void aMissingValueInAPathShouldRefuseToBuildTheRequest() {
        assertThatThrownBy(() -> ContactTemplate.parse("/c/{{customer.customerId}}").render(TWEET,
                ContactTemplate.Target.PATH)).isInstanceOf(ContactTemplate.MissingValueException.class)
                .hasMessageContaining("customer.customerId");
    }

    @Test
    void badTemplatesShouldBeRefusedWithAReason() {
        assertThatThrownBy(() -> ContactTemplate.parse("{{ sendr.email }}"))
                .hasMessageContaining("unknown contact field 'sendr'; the contact has id, schemaVersion");
        assertThatThrownBy(() -> ContactTemplate.parse("{{sender.email.adress}}"))
                .hasMessageContaining("unknown contact field 'sender.email.adress'; 'sender.email' has address, assurance");
        assertThatThrownBy(() -> ContactTemplate.parse("{{content.attachments.url}}"))
                .hasMessageContaining("'content.attachments' is a list");
        assertThatThrownBy(() -> ContactTemplate.parse("{{id | reverse}}")).hasMessageContaining("unknown filter 'reverse'");
        assertThatThrownBy(() -> ContactTemplate.parse("{{id | truncate:x}}")).hasMessageContaining("truncate needs a length");
        assertThatThrownBy(() -> ContactTemplate.parse("{{id")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> ContactTemplate.parse("{{}}")).hasMessageContaining("empty expression");
        assertThatThrownBy(() -> ContactTemplate.parse("{{id ?? 'open}}")).hasMessageContaining("unterminated literal");
        assertThatThrownBy(() -> ContactTemplate.parse("{{id.toString()}}")).hasMessageContaining("is not a path");
        assertThat(ContactTemplate.parse("{{attributes.crm.accountId}}").hasExpressions())
                .as("attributes are free-form").isTrue();
    }
}
