package dev.chat.client.tui;

import dev.chat.client.DownloadProgress;
import dev.chat.client.TransferProtocol;
import dev.chat.client.UdpStats;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cell widths, wrapping, bidi, units, nick colours: pure, no terminal. */
class TextLogicTest {
    private static final UdpStats UDP_STATS = new UdpStats(Duration.ofMillis(4), 65_536, 7, 0);

    @Test
    void wideGlyphsTakeTwoCellsAndAreNeverCutInHalf() {
        assertEquals(4, Cells.width("你好"));
        assertEquals(2, Cells.width("😀"));
        assertEquals("你 ", Cells.fit("你好", 3));
        assertEquals(3, Cells.width(Cells.fit("😀😀", 3)));
        assertEquals("  ab", Cells.fitRight("ab", 4));
    }

    @Test
    void cleaningTurnsControlAndBidiOverrideCharactersIntoReplacementCharactersAndTabsIntoSpaces() {
        assertEquals("a\uFFFDb c\uFFFD", Cells.clean("a\u001bb\tc\u202e"));
        assertEquals("é", Cells.clean("e\u0301"));
    }

    @Test
    void wrappingBreaksAtSpacesAndHardBreaksLongWords() {
        assertEquals(List.of("hello", "world"), Cells.wrap("hello world", 7));
        assertEquals(List.of("abcde", "fgh"), Cells.wrap("abcdefgh", 5));
        assertEquals(List.of("你好", "世界"), Cells.wrap("你好世界", 5));
        assertEquals(List.of(""), Cells.wrap("", 5));
    }

    @Test
    void hebrewIsReorderedIntoVisualOrderAndLatinRunsStayReadable() {
        assertTrue(Cells.isRightToLeft("שלום world"));
        assertFalse(Cells.isRightToLeft("hello שלום"));
        assertEquals("םולש", Cells.visual("שלום", true));
        assertEquals("world םולש", Cells.visual("שלום world", true));
        assertEquals("hello םולש!", Cells.visual("hello שלום!", false));
        assertEquals("plain", Cells.visual("plain", false));
        assertEquals("(אב)", Cells.visual("(בא)", true)); // brackets mirrored
    }

    @Test
    void unitsAreHumanAndPercentReachesOneHundredOnlyAtTheEnd() {
        assertEquals("512 B", Units.bytes(512));
        assertEquals("1.5 KiB", Units.bytes(1536));
        assertEquals("300.0 KiB", Units.bytes(300 * 1024));
        assertEquals("2.0 GiB", Units.bytes(2L << 30));
        assertEquals("1.0 MiB/s", Units.rate(1024 * 1024));
        assertEquals("-", Units.rate(0));
        assertEquals("0:42", Units.eta(Duration.ofSeconds(42)));
        assertEquals("1:02:03", Units.eta(Duration.ofSeconds(3723)));
        assertEquals("--:--", Units.eta(null));
        assertEquals(99, Units.percent(999, 1000));
        assertEquals(100, Units.percent(1000, 1000));
        assertEquals("[=====>    ]", Units.bar(50, 100, 12));
        assertEquals("[==========]", Units.bar(100, 100, 12));
        assertEquals("[          ]", Units.bar(0, 100, 12));
    }

    @Test
    void nickColoursAreStableAndIgnoreCase() {
        assertEquals(NickColors.index("bob"), NickColors.index("BOB"));
        assertEquals(NickColors.index("alice"), NickColors.index("alice"));
        long distinct = List.of("alice", "bob", "carol", "dave", "eve", "mallory").stream()
                .map(NickColors::index).distinct().count();
        assertTrue(distinct >= 3, "colours spread: " + distinct);
    }

    @Test
    void aTransferRowHasEveryColumnAndExactlyThePaneWidth() {
        TransferRow row = TransferRow.started(3, "random-300k.bin", TransferProtocol.UDP)
                .with(new DownloadProgress(150 * 1024, 300 * 1024, 100 * 1024, Duration.ofSeconds(2), UDP_STATS));
        String text = row.render(120);
        assertEquals(120, Cells.width(text));
        for (String part : List.of("  3 random-300k.bin", "UDP", "active", "[=====>    ]", "50%", "150.0 KiB/300.0 KiB",
                "100.0 KiB/s", "0:02", "rtt 4 ms rtx 7")) {
            assertTrue(text.contains(part), part + " in " + text);
        }
        assertEquals(60, Cells.width(row.render(60)));
        TransferRow done = row.finish(TransferStatus.DONE, "");
        assertTrue(done.render(120).contains("100%"));
        assertEquals(done, done.with(TransferRow.NO_PROGRESS), "a finished row does not change");
    }

    @Test
    void aNarrowPaneDropsTheLeastUsefulColumnsBeforeCuttingTheFileName() {
        TransferRow row = TransferRow.started(1, "docs/notes.txt", TransferProtocol.UDP)
                .with(new DownloadProgress(150 * 1024, 300 * 1024, 100 * 1024, Duration.ofSeconds(2), UDP_STATS));
        String at100 = row.render(100);
        assertEquals(100, Cells.width(at100));
        for (String part : List.of("docs/notes.txt", "active", "50%", "150.0 KiB/300.0 KiB", "100.0 KiB/s",
                "rtt 4 ms rtx 7")) {
            assertTrue(at100.contains(part), part + " in " + at100);
        }
        String at60 = row.render(60);
        assertEquals(60, Cells.width(at60));
        assertTrue(at60.contains("docs/notes.txt") && at60.contains("50%"), at60);
    }

    @Test
    void layoutFitsThePanesAndRefusesSizesBelowTheMinimum() {
        assertTrue(Layout.of(59, 30, 0).tooSmall());
        assertTrue(Layout.of(80, 14, 0).tooSmall());
        Layout l = Layout.of(100, 30, 2);
        assertEquals(29, l.inputRow());
        assertEquals(28, l.statusRow());
        assertEquals(2, l.transferRows());
        assertEquals(25, l.transfersRow());
        assertEquals(100, l.chatColumns() + 1 + l.usersColumns());
    }

    @Test
    void anEmptyTransfersPaneTakesNoRowsAndACollapsedOneOnlyItsTitle() {
        Layout none = Layout.of(100, 30, 0);
        assertTrue(!none.hasTransfersPane());
        assertEquals(28, none.topRows());
        Layout collapsed = Layout.of(100, 30, 7, true);
        assertTrue(collapsed.hasTransfersPane());
        assertEquals(0, collapsed.transferRows());
        assertEquals(27, collapsed.transfersRow());
        Layout many = Layout.of(100, 30, 7, false);
        assertEquals(Layout.MAX_TRANSFER_ROWS, many.transferRows());
        assertEquals(22, many.transfersRow());
    }
}
