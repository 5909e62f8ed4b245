package dev.chat.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness's checks can fail: a harness that never fails would pass every attack test. */
final class AttackHarnessTest {
    @TempDir
    Path files;

    @Test
    @Timeout(30)
    void aDaemonThatStoppedFailsTheChecks() throws Exception {
        AttackHarness harness = AttackHarness.start(files, UnaryOperator.identity());
        try {
            assertTrue(harness.witnesses().roundTrips() >= 5, "the witnesses talked before the attack");
            harness.server().close();
            assertThrows(AssertionError.class, harness::assertSurvived); // the witnesses were cut off
        } finally {
            harness.close();
        }
    }

    @Test
    @Timeout(30)
    void aTestThatSkipsTheChecksFailsWhenTheHarnessCloses() throws Exception {
        AttackHarness harness = AttackHarness.start(files, UnaryOperator.identity());
        assertThrows(IllegalStateException.class, harness::close);
    }
}
