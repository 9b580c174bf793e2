/**
 * The command line ({@link org.audiostream.app.Main}, picocli) and the process lifecycle.
 *
 * <p>Threads: commands run on the main thread; {@code serve} parks it until shutdown.
 */
package org.audiostream.app;
