package io.strimzi.connectbuilder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The number of entries a zip's end of central directory record announces (zip64 included), read before the central
 * directory itself is listed in memory. A zip without such a record reads as 0: opening it fails with its own message.
 */
final class ZipEntryCount {
    private static final int END_SIGNATURE = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_END_SIGNATURE = 0x06064b50;
    private static final int END_SIZE = 22;
    private static final int MAX_COMMENT = 0xffff;

    private ZipEntryCount() {
    }

    static long of(Path zip) throws IOException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = channel.size();
            int tailLength = (int) Math.min(size, END_SIZE + MAX_COMMENT);
            ByteBuffer tail = read(channel, size - tailLength, tailLength);
            for (int at = tailLength - END_SIZE; at >= 0; at--) {
                if (tail.getInt(at) != END_SIGNATURE) {
                    continue;
                }
                long entries = tail.getShort(at + 10) & 0xffff;
                long endOffset = size - tailLength + at;
                if (entries == 0xffff && endOffset >= 20) {
                    ByteBuffer locator = read(channel, endOffset - 20, 20);
                    if (locator.getInt(0) == ZIP64_LOCATOR_SIGNATURE) {
                        long zip64End = locator.getLong(8);
                        if (zip64End >= 0 && zip64End + 40 <= size) {
                            ByteBuffer record = read(channel, zip64End, 40);
                            if (record.getInt(0) == ZIP64_END_SIGNATURE) {
                                return record.getLong(32);
                            }
                        }
                    }
                }
                return entries;
            }
            return 0;
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        return buffer.flip();
    }
}
