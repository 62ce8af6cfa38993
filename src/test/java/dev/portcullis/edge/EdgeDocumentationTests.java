package dev.portcullis.edge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/edge.md shows the very nginx configuration the nginx test runs. */
class EdgeDocumentationTests {

	@Test
	void edgeGuideShowsTheTestedNginxConfigurationVerbatim() throws IOException {
		String guide = Files.readString(Path.of("docs", "edge.md"));
		String tested = Files.readString(Path.of("src", "test", "resources", "edge", "nginx.conf"));
		assertThat(guide).contains("```nginx\n" + tested + "```");
	}

}
