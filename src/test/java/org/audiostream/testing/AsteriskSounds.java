package org.audiostream.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Real speech prompts from Debian's {@code asterisk-core-sounds-en-wav}.
 *
 * <p>The package installs its files under {@code en_US_f_Allison}; the {@code en} link to that
 * folder comes from a recommended package that a {@code --no-install-recommends} install leaves
 * out, so both places are looked at.
 */
public final class AsteriskSounds {

    private static final List<Path> FOLDERS = List.of(
            Path.of("/usr/share/asterisk/sounds/en"), Path.of("/usr/share/asterisk/sounds/en_US_f_Allison"));

    private AsteriskSounds() {}

    /** The prompt file {@code name} (e.g. {@code demo-congrats.wav}); fails naming the package if absent. */
    public static Path prompt(String name) {
        for (Path folder : FOLDERS) {
            Path file = folder.resolve(name);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new IllegalStateException("Asterisk prompt " + name + " not found under " + FOLDERS
                + "; the tests need the Debian package asterisk-core-sounds-en-wav (./audio-stream test installs it)");
    }
}
