package io.switchboard.gateway.channel.meta;

import io.switchboard.spi.contact.Assurance;
import io.switchboard.spi.contact.Attachment;
import io.switchboard.spi.contact.Contact;
import io.switchboard.spi.contact.ContactKind;
import io.switchboard.spi.contact.Content;
import io.switchboard.spi.contact.Endpoint;
import io.switchboard.spi.contact.Party;
import io.switchboard.spi.contact.ProviderRef;
import io.switchboard.spi.contact.ProviderUserId;
import io.switchboard.spi.contact.ThreadRef;
import io.switchboard.spi.contact.Visibility;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

import static io.switchboard.gateway.channel.internal.JsonFields.instant;
import static io.switchboard.gateway.channel.internal.JsonFields.obj;
import static io.switchboard.gateway.channel.internal.JsonFields.str;
import static io.switchboard.gateway.channel.internal.JsonFields.text;
import static io.switchboard.gateway.channel.meta.MetaBatch.firstNonNull;
import static io.switchboard.gateway.channel.meta.MetaBatch.putIf;

/**
 * Page feed and Instagram comment notifications, {@code entry[].changes[]} (PROTOCOLS.md 2.5, 2.6).
 *
 * <ul>
 *   <li>Page {@code field=feed}, {@code item=comment}, {@code verb=add} → COMMENT, PUBLIC; event id
 *       {@code comment_id}; root {@code post_id}; in-reply-to {@code parent_id} when it is another comment.
 *       Other feed items and verbs (posts, reactions, edits, removals) are ignored ({@code unsupported}).</li>
 *   <li>Instagram {@code field=comments} or {@code live_comments} → COMMENT, PUBLIC; event id {@code value.id};
 *       root {@code media.id}; in-reply-to {@code parent_id}.</li>
 *   <li>Comments by the Page or IG account itself ({@code from.id == entry.id}) are ignored
 *       ({@code own-post}). Other fields are ignored ({@code unsupported}).</li>
 * </ul>
 * The commenter's id is scoped to the Page or IG account the notification is for ({@code entry.id}).
 */
final class CommentEvents {

    private CommentEvents() {
    }

    /**
     * @param entry    one {@code entry[]} element
     * @param pointer  its JSON Pointer
     * @param platform {@code messenger} (a Page) or {@code instagram}
     * @param out      where to collect
     */
    static void parse(JsonObject entry, String pointer, String platform, MetaBatch out) {
        Object v = entry.getValue("changes");
        if (v == null) {
            return;
        }
        if (!(v instanceof JsonArray changes)) {
            out.ignore("changes", "malformed");
            return;
        }
        String account = str(entry, "id");
        for (int k = 0; k < changes.size(); k++) {
            JsonObject change = obj(changes, k);
            String field = str(change, "field");
            JsonObject value = obj(change, "value");
            String p = pointer + "/changes/" + k;
            if (change == null || field == null) {
                out.ignore("changes", "malformed");
            } else if (platform.equals("instagram") && (field.equals("comments") || field.equals("live_comments"))) {
                instagram(entry, account, field, value, p, out);
            } else if (!platform.equals("instagram") && field.equals("feed")) {
                feed(entry, account, value, p, out);
            } else {
                out.ignore(field, "unsupported");
            }
        }
    }

    private static void feed(JsonObject entry, String pageId, JsonObject value, String pointer, MetaBatch out) {
        if (!"comment".equals(str(value, "item")) || !"add".equals(str(value, "verb"))) {
            out.ignore("feed", "unsupported");
            return;
        }
        JsonObject from = obj(value, "from");
        String fromId = str(from, "id");
        if (fromId != null && fromId.equals(pageId)) {
            out.ignore("feed", "own-post");
            return;
        }
        String commentId = str(value, "comment_id");
        if (commentId == null) {
            out.ignore("feed", "malformed");
            return;
        }
        String postId = str(value, "post_id");
        String parentId = str(value, "parent_id");
        List<Attachment> attachments = new ArrayList<>();
        String photo = str(value, "photo");
        if (photo != null) {
            attachments.add(new Attachment("image", photo, null, null, null, null, null, null));
        }
        String video = str(value, "video");
        if (video != null) {
            attachments.add(new Attachment("video", video, null, null, null, null, null, null));
        }
        Party sender = userId(fromId, pageId) == null ? Party.UNKNOWN.withDisplayName(text(from, "name"))
                : new Party(userId(fromId, pageId), null, text(from, "name"), null, null);
        Contact.Builder b = out.newContact(pointer)
                .kind(ContactKind.COMMENT)
                .visibility(Visibility.PUBLIC)
                .occurredAt(firstNonNull(instant(value.getValue("created_time")), instant(entry.getValue("time"))))
                .sender(sender)
                .recipient(pageId == null ? null : new Endpoint("page", pageId, null, null))
                .content(new Content(text(value, "message"), null, null, attachments))
                .thread(new ThreadRef(null, parentId != null && !parentId.equals(postId) ? parentId : null, postId))
                .provider(new ProviderRef(MetaBatch.PROVIDER, pageId, commentId, "feed"));
        out.add(b, new JsonObject().put("platform", "facebook"));
    }

    private static void instagram(JsonObject entry, String igId, String field, JsonObject value, String pointer,
                                  MetaBatch out) {
        String id = str(value, "id");
        if (id == null) {
            out.ignore(field, "malformed");
            return;
        }
        JsonObject from = obj(value, "from");
        String fromId = str(from, "id");
        if (fromId != null && fromId.equals(igId)) {
            out.ignore(field, "own-post");
            return;
        }
        String username = str(from, "username");
        JsonObject media = obj(value, "media");
        JsonObject attrs = new JsonObject().put("platform", "instagram");
        putIf(attrs, "mediaProductType", str(media, "media_product_type"));
        Contact.Builder b = out.newContact(pointer)
                .kind(ContactKind.COMMENT)
                .visibility(Visibility.PUBLIC)
                .occurredAt(firstNonNull(instant(value.getValue("timestamp")), instant(entry.getValue("time"))))
                .sender(new Party(userId(fromId, igId), username == null ? null : "@" + username, null, null, null))
                .recipient(igId == null ? null : new Endpoint("account", igId, null, null))
                .content(Content.text(text(value, "text")))
                .thread(new ThreadRef(null, str(value, "parent_id"), str(media, "id")))
                .provider(new ProviderRef(MetaBatch.PROVIDER, igId, id, field));
        out.add(b, attrs);
    }

    private static ProviderUserId userId(String id, String scope) {
        return id == null || scope == null ? null : new ProviderUserId(MetaBatch.PROVIDER, scope, id, Assurance.PROVIDER);
    }
}
