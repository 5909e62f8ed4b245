package dev.chat.wire.udp;

import static dev.chat.wire.udp.Impairment.MS;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransferTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1199, 1200, 1201, 100_000})
    void smallFilesArriveByteIdenticalOnACleanLink(int size) {
        Transfer t = Transfer.of(MemoryFile.randomBytes(size, size), Impairment.clean(5 * MS), 1).run();
        System.out.println("size " + size + ": " + t.report());
        t.assertIdentical();
    }
}
