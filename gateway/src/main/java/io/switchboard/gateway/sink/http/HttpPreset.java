package io.switchboard.gateway.sink.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.List;

/**
 * Ready-made requests for the systems of record the http sink knows, each as its API documents it. A preset fills
 * in every request key the configuration leaves out; a key that is given replaces the preset's value (a body
 * replaces the whole body). {@code url} is always required: the instance's base URL.
 *
 * @param name              the preset name ({@code preset:})
 * @param method            the method
 * @param path              the path template, appended to {@code url}
 * @param body              the body template (per contact; in batch mode, per item)
 * @param idempotencyHeader the header carrying the contact id, or empty when the target de-duplicates on an
 *                          external id in the path or body instead
 * @param externalRef       a JSON pointer to the target's id for the contact in the answer (in batch mode: in each
 *                          result item)
 * @param batchSize         contacts per request; 0 sends one request per contact
 * @param batchField        in batch mode, the body field holding the items
 * @param batchResults      in batch mode, a JSON pointer to the answer's array of results
 * @param batchMatch        in batch mode, a JSON pointer in each result item to the contact id, to match results to
 *                          contacts
 */
record HttpPreset(String name, HttpMethod method, String path, JsonObject body, String idempotencyHeader,
                  String externalRef, int batchSize, String batchField, String batchResults, String batchMatch) {

    /** No preset: POST the contact JSON to {@code url} with an {@code Idempotency-Key} header. */
    static final HttpPreset NONE = new HttpPreset("none", HttpMethod.POST, "", null, "Idempotency-Key", null, 0,
            "inputs", "/results", "/id");

    /**
     * Zendesk Support: create a ticket, {@code POST /api/v2/tickets.json}, with the contact id as
     * {@code Idempotency-Key} (Zendesk replays the first answer for a repeated key) and as the ticket's
     * {@code external_id}. Answers 201 with the ticket.
     */
    static final HttpPreset ZENDESK_TICKET = new HttpPreset("zendesk-ticket", HttpMethod.POST, "/api/v2/tickets.json",
            new JsonObject().put("ticket", new JsonObject()
                    .put("subject", "{{content.subject ?? content.text ?? 'New contact' | truncate:150}}")
                    .put("comment", new JsonObject().put("body", "{{content.text ?? '(no text)'}}"))
                    .put("requester", new JsonObject().put("$if", "{{sender.email.address}}")
                            .put("name", "{{sender.displayName ?? sender.handle ?? sender.email.address}}")
                            .put("email", "{{sender.email.address}}"))
                    .put("external_id", "{{id}}")
                    .put("tags", new io.vertx.core.json.JsonArray().add("switchboard").add("{{channel.type}}"))),
            "Idempotency-Key", "/ticket/id", 0, "inputs", "/results", "/id");

    /**
     * Salesforce: upsert a Case by an external-id field,
     * {@code PATCH /services/data/v61.0/sobjects/Case/Switchboard_Contact_Id__c/{id}} (create the custom field,
     * marked External ID and Unique, first). Answers 201 when created, 200 (204 before API v46) when it existed:
     * a redelivery updates the same Case. The external-id field must not also be in the body.
     */
    static final HttpPreset SALESFORCE_CASE = new HttpPreset("salesforce-case", HttpMethod.PATCH,
            "/services/data/v61.0/sobjects/Case/Switchboard_Contact_Id__c/{{id}}",
            new JsonObject()
                    .put("Subject", "{{content.subject ?? content.text ?? 'New contact' | truncate:255}}")
                    .put("Description", "{{content.text}}")
                    .put("Origin", "{{channel.type}}")
                    .put("SuppliedName", "{{sender.displayName ?? sender.handle}}")
                    .put("SuppliedEmail", "{{sender.email.address}}")
                    .put("SuppliedPhone", "{{sender.phone.e164}}"),
            "", "/id", 0, "inputs", "/results", "/id");

    /**
     * HubSpot: batch upsert tickets by a unique property,
     * {@code POST /crm/v3/objects/tickets/batch/upsert} with {@code {"inputs":[{"id", "idProperty", "properties"}]}}
     * (create the unique text property {@code switchboard_contact_id} on tickets first), at most 100 inputs per
     * request. Answers 200 with {@code results}, or 207 when some inputs failed.
     */
    static final HttpPreset HUBSPOT_BATCH_UPSERT = new HttpPreset("hubspot-batch-upsert", HttpMethod.POST,
            "/crm/v3/objects/tickets/batch/upsert",
            new JsonObject().put("id", "{{id}}").put("idProperty", "switchboard_contact_id")
                    .put("properties", new JsonObject()
                            .put("subject", "{{content.subject ?? content.text ?? 'New contact' | truncate:200}}")
                            .put("content", "{{content.text}}")
                            .put("hs_pipeline", "0")
                            .put("hs_pipeline_stage", "1")),
            "", "/id", 100, "inputs", "/results", "/properties/switchboard_contact_id");

    static final List<HttpPreset> ALL = List.of(NONE, ZENDESK_TICKET, SALESFORCE_CASE, HUBSPOT_BATCH_UPSERT);

    static String[] names() {
        return ALL.stream().map(HttpPreset::name).toArray(String[]::new);
    }

    static HttpPreset named(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown preset " + name + "; known: "
                        + Arrays.toString(names())));
    }
}
