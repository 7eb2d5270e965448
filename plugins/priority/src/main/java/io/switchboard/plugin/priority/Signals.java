package io.switchboard.plugin.priority;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything a priority is computed from. Deliberately nothing about the channel: the same text from the same
 * customer gives the same signals whatever it came through. Public visibility and reach are carried only when an
 * operator has switched exposure scoring on; otherwise they are {@code false} and {@code null}.
 *
 * @param text                 the contact's subject and text
 * @param contentLanguage      the language the contact says it is in, used only when configured to trust it; nullable
 * @param tier                 the linked customer's tier; nullable
 * @param conversationContacts contacts in the conversation so far, this one included (at least 1)
 * @param waiting              how long the customer has been waiting: since the conversation opened
 * @param isPublic             whether the contact was public, when exposure scoring is on; else false
 * @param reach                the audience (e.g. followers), when exposure scoring is on and known; else null
 */
record Signals(String text, String contentLanguage, String tier, int conversationContacts, Duration waiting,
               boolean isPublic, Long reach) {
    Signals {
        Objects.requireNonNull(waiting, "waiting");
        if (waiting.isNegative()) {
            waiting = Duration.ZERO;
        }
        conversationContacts = Math.max(1, conversationContacts);
    }
}
