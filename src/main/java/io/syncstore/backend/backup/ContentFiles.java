package io.syncstore.backend.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;

/**
 * File copies that are whole or absent: written beside their place, forced to disk, then renamed. Content files
 * never change once written (they are named by the hash of their bytes), which also makes hard links safe.
 */
final class ContentFiles {
    private static final int BUFFER = 64 * 1024;

    private ContentFiles() {
    }

    /** Copies {@code source} to {@code target}; returns the SHA-256 of the bytes copied. */
    static String copy(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Hasher hasher = Hashing.sha256().newHasher();
        try (InputStream input = Files.newInputStream(source);
             FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                 StandardOpenOption.WRITE);
             OutputStream output = Channels.newOutputStream(channel)) {
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = input.read(buffer)) != -1) {
                hasher.putBytes(buffer, 0, read);
                output.write(buffer, 0, read);
            }
            output.flush();
            channel.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return hasher.hash().toString();
    }

    /** Links {@code target} to {@code source}; false when the file system cannot (another device, no links). */
    static boolean link(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.createLink(target, source);
            return true;
        } catch (FileAlreadyExistsException e) {
            return true;
        } catch (UnsupportedOperationException | IOException e) {
            return false;
        }
    }

    static void force(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
