package org.audiostream.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BuildInfoTest {

    @Test
    void theJarCarriesFilteredBuildMetadata() {
        BuildInfo b = BuildInfo.current();
        assertThat(b.version()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(b.buildDate()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(b.buildType()).isIn("release", "debug");
        assertThat(b.gitCommit()).isNotBlank();
    }

    @Test
    void unfilteredPlaceholdersReadAsUnknown() throws IOException {
        String props = "version=1.2.3\nbuild.date=${maven.build.timestamp}\nbuild.type=debug\ngit.commit=\n";
        BuildInfo b = BuildInfo.load(new ByteArrayInputStream(props.getBytes(StandardCharsets.UTF_8)));
        assertThat(b).isEqualTo(new BuildInfo("1.2.3", "unknown", "debug", "unknown"));
    }
}
