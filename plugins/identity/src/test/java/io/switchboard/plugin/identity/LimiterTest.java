package io.switchboard.plugin.identity;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LimiterTest {

    @Test
    void callsPastTheLimitWaitInOrderAndRunWhenOthersFinish() {
        Limiter l = new Limiter(2);
        List<Promise<String>> started = new ArrayList<>();
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add(l.submit(() -> {
                Promise<String> p = Promise.promise();
                started.add(p);
                return p.future();
            }));
        }
        assertThat(started).hasSize(2);
        assertThat(l.running()).isEqualTo(2);
        started.get(0).complete("a");
        assertThat(started).hasSize(3);
        started.get(1).fail("boom");
        started.get(2).complete("c");
        assertThat(started).hasSize(5);
        started.get(3).complete("d");
        started.get(4).complete("e");
        assertThat(l.running()).isZero();
        assertThat(results.get(0).result()).isEqualTo("a");
        assertThat(results.get(1).failed()).isTrue();
        assertThat(results.get(4).result()).isEqualTo("e");
    }

    @Test
    void aCallThatThrowsFailsItsFutureAndFreesItsSlot() {
        Limiter l = new Limiter(1);
        Future<String> f = l.submit(() -> {
            throw new IllegalStateException("x");
        });
        assertThat(f.failed()).isTrue();
        assertThat(l.running()).isZero();
        assertThat(l.submit(() -> Future.succeededFuture("ok")).result()).isEqualTo("ok");
    }
}
