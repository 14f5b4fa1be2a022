package io.shardgate.gateway;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The per-data-directory secret that seals Kinesis shard iterators (D12): 32 random bytes in
 * {@value #FILE_NAME} next to the LMDB files, created on first start (owner read/write only where the file system
 * has POSIX permissions) and read on every later start, so that iterators survive a restart.
 */
final class IteratorKey {

    static final String FILE_NAME = "kinesis-iterator.key";
    static final int BYTES = 32;

    private IteratorKey() {}

    static byte[] load(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            byte[] key = new byte[BYTES];
            new SecureRandom().nextBytes(key);
            try {
                Files.write(file, key, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the directory's own permissions protect it
                }
                return key;
            } catch (FileAlreadyExistsException e) {
                // another start created it meanwhile: read that one
            }
        }
        byte[] key = Files.readAllBytes(file);
        if (key.length != BYTES) {
            throw new IOException(file + " must hold " + BYTES + " bytes, has " + key.length);
        }
        return key;
    }
}
