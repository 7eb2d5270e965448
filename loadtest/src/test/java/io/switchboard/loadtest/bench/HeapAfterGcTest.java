package io.switchboard.loadtest.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HeapAfterGcTest {

    /** Lines of a real G1 log written by bench.sh ({@code -Xlog:gc:file=…:uptime}). */
    private static final List<String> LOG = List.of(
            "[0.006s] Using G1",
            "[1.846s] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 27M->4M(512M) 13.102ms",
            "[5.187s] GC(2) Pause Young (Concurrent Start) (Metadata GC Threshold) 19M->8M(512M) 59.511ms",
            "[5.189s] GC(3) Concurrent Mark Cycle",
            "[5.337s] GC(3) Pause Remark 9M->9M(512M) 2.493ms",
            "[15.559s] GC(6) Pause Young (Normal) (G1 Evacuation Pause) 313M->9M(512M) 16.363ms",
            "[24.863s] GC(9) Pause Young (Normal) (G1 Evacuation Pause) 333M->10M(512M) 9.297ms",
            "[30.1s] GC(10) Pause Full (System.gc()) 1G->2048K(1G) 40.1ms");

    @Test
    void everyCollectionShouldBeOneSampleOfTheHeapAfterIt() {
        List<HeapAfterGc.Sample> s = HeapAfterGc.parse(LOG);
        assertThat(s).extracting(HeapAfterGc.Sample::afterMb).containsExactly(4.0, 8.0, 9.0, 9.0, 10.0, 2.0);
        assertThat(s.get(0).seconds()).isEqualTo(1.846);
        assertThat(s.get(5).capacityMb()).isEqualTo(1024.0);
    }

    @Test
    void theSummaryShouldCompareTheFirstAndLastThirds() {
        String summary = HeapAfterGc.summary(HeapAfterGc.parse(LOG));
        assertThat(summary).contains("samples=6").contains("max-after-gc=10MB").contains("first-third-avg=6.0MB")
                .contains("last-third-avg=6.0MB");
    }

    @Test
    void theSeriesShouldGiveTheLargestValuePerTimeSlice() {
        assertThat(HeapAfterGc.series(HeapAfterGc.parse(LOG), 4)).isEqualTo("9 9 - 10");
    }
}
