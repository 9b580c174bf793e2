package org.audiostream.app;

import java.util.Map;
import org.audiostream.testing.PythonWsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the WS-mode integration tests whose calls share one python3-websockets app and one gateway
 * for the whole class: both start before the first test and close after the last, the gateway first so
 * that its baseline checks run while the app is still up. Subclasses say what differs by overriding
 * {@link #appArgs} and {@link #gatewayYaml}.
 *
 * <p>Threads: JUnit's test thread.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SharedGatewayAndApp {

    protected GatewayHarness gw;
    protected PythonWsServer app;

    /** Flags for {@code recording_server.py}, e.g. {@code --levels}. */
    protected String[] appArgs() {
        return new String[0];
    }

    /** YAML appended to the gateway's config file, e.g. routing rules that point at {@code app}. */
    protected String gatewayYaml(PythonWsServer app) {
        return "";
    }

    @BeforeAll
    final void startAppAndGateway() throws Exception {
        app = PythonWsServer.start(appArgs());
        gw = GatewayHarness.start(Map.of(), gatewayYaml(app));
    }

    @AfterAll
    final void closeGatewayThenApp() {
        try (PythonWsServer a = app) {
            if (gw != null) {
                gw.close();
            }
        }
    }
}
