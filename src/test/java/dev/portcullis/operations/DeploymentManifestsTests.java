package dev.portcullis.operations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code deploy/} ships is checked with the real tools: {@code promtool} (Debian's
 * {@code prometheus} package) checks the alert rules and runs their unit tests;
 * {@code kubectl kustomize} builds the base and the example overlay, and the result is
 * checked for the properties the deployment relies on. (No OpenAPI schema validator
 * installs from the registries this build reaches, and {@code kubectl apply
 * --dry-run=client} needs an API server, so the structural check is ours.)
 */
class DeploymentManifestsTests {

	private static final Path DEPLOY = Path.of("deploy");

	private static final Set<String> KINDS = Set.of("v1/ServiceAccount", "v1/ConfigMap", "v1/Secret", "v1/Service",
			"v1/Namespace", "apps/v1/Deployment", "batch/v1/Job", "policy/v1/PodDisruptionBudget",
			"autoscaling/v2/HorizontalPodAutoscaler", "networking.k8s.io/v1/Ingress");

	@Test
	void alertRulesAreValidAndFireOnSampleSeries() throws Exception {
		assertThat(run(DEPLOY.resolve("prometheus"), "promtool", "check", "rules", "alerts.yaml"))
			.contains("SUCCESS: 5 rules found");
		assertThat(run(DEPLOY.resolve("prometheus"), "promtool", "test", "rules", "alerts-test.yaml"))
			.contains("SUCCESS");
	}

	@Test
	void kustomizeBuildsTheBaseAndTheExampleOverlay() throws Exception {
		for (String dir : new String[] { "k8s/base", "k8s/overlays/example" }) {
			List<Map<String, Object>> documents = kustomize(dir);
			assertThat(documents).allSatisfy((document) -> {
				assertThat(KINDS).contains(document.get("apiVersion") + "/" + document.get("kind"));
				assertThat(path(document, "metadata", "name")).isInstanceOf(String.class);
			});
			Map<String, Object> deployment = only(documents, "Deployment");
			Map<String, Object> pod = map(path(deployment, "spec", "template", "spec"));
			Map<String, Object> container = map(list(pod.get("containers")).get(0));
			assertThat(path(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
			assertThat(path(pod, "securityContext", "runAsUser")).isInstanceOf(Integer.class);
			assertThat(path(container, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
			assertThat(path(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
			assertThat(path(container, "readinessProbe", "httpGet", "port")).isEqualTo("management");
			assertThat(path(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
			assertThat(path(container, "livenessProbe", "httpGet", "port")).isEqualTo("management");
			assertThat(path(container, "resources", "requests", "cpu")).isNotNull();
			assertThat(path(container, "resources", "limits", "memory")).isNotNull();
			assertThat(path(container, "lifecycle", "preStop", "sleep", "seconds")).isEqualTo(5);
			assertThat(list(container.get("volumeMounts"))).extracting((mount) -> map(mount).get("mountPath"))
				.contains("/tmp", "/etc/portcullis/secrets");
			Map<String, Object> config = only(documents, "ConfigMap");
			assertThat(path(config, "data", "SPRING_CONFIG_IMPORT")).isEqualTo("configtree:/etc/portcullis/secrets/");
			assertThat(path(config, "data", "SPRING_FLYWAY_ENABLED")).isEqualTo("false");
			Map<String, Object> job = only(documents, "Job");
			Map<String, Object> migrate = map(list(path(job, "spec", "template", "spec", "containers")).get(0));
			assertThat(list(migrate.get("env"))).extracting((env) -> map(env).get("name") + "=" + map(env).get("value"))
				.contains("PORTCULLIS_MIGRATE_ONLY=true", "SPRING_FLYWAY_ENABLED=true");
			Map<String, Object> service = only(documents, "Service");
			assertThat(list(path(service, "spec", "ports"))).extracting((port) -> map(port).get("targetPort"))
				.containsExactly("http");
			assertThat(only(documents, "PodDisruptionBudget")).isNotNull();
			assertThat(only(documents, "HorizontalPodAutoscaler")).isNotNull();
		}
	}

	@Test
	void theOverlayMountsItsGeneratedSecretAndSetsTheImage() throws Exception {
		List<Map<String, Object>> documents = kustomize("k8s/overlays/example");
		String secret = (String) path(only(documents, "Secret"), "metadata", "name");
		Map<String, Object> pod = map(path(only(documents, "Deployment"), "spec", "template", "spec"));
		assertThat(secret).startsWith("portcullis-secrets-");
		assertThat(list(pod.get("volumes"))).extracting((volume) -> path(map(volume), "secret", "secretName"))
			.contains(secret);
		assertThat(map(list(pod.get("containers")).get(0)).get("image"))
			.isEqualTo("registry.example.com/portcullis:0.1.0");
	}

	private static List<Map<String, Object>> kustomize(String dir) throws Exception {
		String output = run(DEPLOY.resolve(dir), "kubectl", "kustomize", ".");
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml().loadAll(output)) {
			documents.add(map(document));
		}
		return documents;
	}

	private static Map<String, Object> only(List<Map<String, Object>> documents, String kind) {
		List<Map<String, Object>> found = documents.stream()
			.filter((document) -> kind.equals(document.get("kind")))
			.toList();
		assertThat(found).as(kind).hasSize(1);
		return found.get(0);
	}

	private static Object path(Map<String, Object> document, String... keys) {
		Object current = document;
		for (String key : keys) {
			current = (current instanceof Map<?, ?> map) ? map.get(key) : null;
		}
		return current;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		return (List<Object>) value;
	}

	/** Runs a tool (which must be installed: see .ci/run) and answers its output. */
	private static String run(Path directory, String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
		return output;
	}

}
