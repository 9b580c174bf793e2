package org.audiostream.app;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.audiostream.config.ConfigException;
import org.audiostream.config.ConfigLoader;
import org.audiostream.config.EffectiveConfig;
import org.audiostream.config.HostPort;
import org.audiostream.config.Schema;
import org.audiostream.config.Secret;
import org.audiostream.config.ServiceSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code audio-stream api "<command>"}: sends one {@code uuid_audio_stream} command to a running
 * gateway's {@code POST /api}, like {@code fs_cli -x}, and prints the reply.
 *
 * <p>The admin address and bearer token come from the same sources as the gateway's own
 * ({@code --config}, {@code AUDIO_STREAM_HTTP_BIND}, {@code AUDIO_STREAM_HTTP_TOKEN}) unless
 * {@code --url} or {@code --token} say otherwise. Exit status: 0 for {@code +OK} or a JSON reply,
 * 1 for {@code -ERR} / {@code -USAGE}, 2 when the gateway cannot be reached.
 */
@Command(name = "api", description = "Send a uuid_audio_stream command to a running gateway and print the reply.")
final class ApiCommand implements Callable<Integer> {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config file the gateway runs with.")
    Path configFile;

    @Option(names = "--url", paramLabel = "URL", description = "Admin server base URL (default: from http.bind).")
    URI url;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Bearer token (default: AUDIO_STREAM_HTTP_TOKEN).")
    String token;

    @Parameters(arity = "1..*", paramLabel = "WORD",
            description = "The command, e.g. \"uuid_audio_stream <uuid> start ws://host:9000/ mono 16k\"; words are joined by spaces.")
    List<String> words = new ArrayList<>();

    @Override
    public Integer call() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        Target target;
        try {
            target = target();
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        URI endpoint = target.base().resolve("/api");
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(String.join(" ", words)));
        target.token().ifPresent(t -> request.header("Authorization", "Bearer " + t));
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body().stripTrailing();
            out.println(body);
            return body.startsWith("+OK") || body.startsWith("{") ? 0 : 1;
        } catch (ConnectException | HttpConnectTimeoutException e) {
            err.println("-ERR cannot reach the gateway's admin server at " + endpoint + " (is `audio-stream serve` running?)");
            return 2;
        } catch (HttpTimeoutException e) {
            err.println("-ERR no reply from " + endpoint + " within " + TIMEOUT.toSeconds() + " s");
            return 2;
        } catch (IOException e) {
            err.println("-ERR request to " + endpoint + " failed: " + e);
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    private record Target(URI base, Optional<String> token) {}

    private Target target() {
        EffectiveConfig config = ConfigLoader.load(Schema.ALL, configFile, System.getenv(), Map.of(), "").orThrow();
        Optional<String> bearer = Optional.ofNullable(token).or(() -> config.secret(ServiceSettings.HTTP_TOKEN).map(Secret::reveal));
        if (url != null) {
            return new Target(url, bearer);
        }
        HostPort bind = config.get(ServiceSettings.HTTP_BIND, HostPort.class);
        String host = switch (bind.host()) {   // a wildcard bind is reached on loopback
            case "0.0.0.0" -> "127.0.0.1";
            case "::" -> "::1";
            default -> bind.host();
        };
        return new Target(URI.create("http://" + new HostPort(host, bind.port())), bearer);
    }
}
