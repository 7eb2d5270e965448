package io.switchboard.spi.testkit;

import io.switchboard.spi.contact.MatchLevel;
import io.switchboard.spi.service.Conversations;
import io.switchboard.spi.service.CustomerDirectory;
import io.switchboard.spi.service.CustomerRecord;
import io.switchboard.spi.service.Identifier;
import io.switchboard.spi.service.LinkRecord;
import io.switchboard.spi.testkit.contract.ConversationsContract;
import io.switchboard.spi.testkit.contract.CustomerDirectoryContract;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryServicesTest {

    @Nested
    class Directory extends CustomerDirectoryContract {
        @Override
        protected CustomerDirectory create(Vertx vertx) {
            return new InMemoryCustomerDirectory();
        }
    }

    @Nested
    class ConversationStore extends ConversationsContract {
        @Override
        protected Conversations create(Vertx vertx) {
            return new InMemoryConversations();
        }
    }

    private static final Identifier PHONE = new Identifier(Identifier.PHONE, "+447700900123");
    private static final Identifier EMAIL = new Identifier(Identifier.EMAIL, "jane@example.com");

    @Test
    void undoingALinkShouldRemoveExactlyTheIdentifiersItAdded() {
        InMemoryCustomerDirectory d = new InMemoryCustomerDirectory().seed("t1", "c1", null, PHONE);
        LinkRecord l = d.record(new LinkRecord(null, "t1", "k1", "c1", List.of(), MatchLevel.STRONG, "phone", "phone",
                null, null), List.of(PHONE, EMAIL)).result();
        assertThat(d.findByIdentifier("t1", EMAIL).result()).extracting(CustomerRecord::id).containsExactly("c1");
        assertThat(d.undo("t1", l.id()).result()).isTrue();
        assertThat(d.findByIdentifier("t1", EMAIL).result()).isEmpty();
        assertThat(d.findByIdentifier("t1", PHONE).result()).as("seeded identifier stays").hasSize(1);
        assertThat(d.decisionsFor("t1", "k1").result()).singleElement()
                .satisfies(r -> assertThat(r.undoneAt()).isNotNull());
        assertThat(d.undo("t1", l.id()).result()).as("already undone").isFalse();
    }

    @Test
    void resolveShouldTakeItsTimeFromTheClock() {
        TestClock clock = TestClock.at("2026-11-25T10:00:00Z");
        InMemoryConversations c = new InMemoryConversations(clock);
        String key = c.join("t1", "p", "k1", "x", null, clock.instant(), Duration.ofHours(1)).result().key();
        clock.advance(Duration.ofMinutes(5));
        c.resolve("t1", key);
        assertThat(c.get("t1", key).result().resolvedAt()).isEqualTo(clock.instant());
        assertThat(c.all()).hasSize(1);
    }
}
