# syntax=docker/dockerfile:1
# Portcullis image: built from source in a JDK stage, run from a JRE as a numeric
# non-root user (10001, matching deploy/k8s). The executable jar leaves out the embedded
# PostgreSQL/Redis of the "local" profile: configure spring.r2dbc.url,
# spring.data.redis.url and portcullis.encryption.key (see compose.yaml and
# docs/deployment.md). Base images are pinned to an exact Temurin release; pin them by
# digest too in your registry mirror (`docker buildx imagetools inspect <tag>`).

FROM eclipse-temurin:17.0.15_6-jdk-noble AS build
WORKDIR /workspace
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY src src
# portcullis.js is copied into the jar from here at build time (one source of truth)
COPY clients/js/portcullis.js clients/js/portcullis.js
# The cache mount keeps Maven and the dependencies between builds.
RUN --mount=type=cache,target=/root/.m2 \
	chmod +x mvnw \
	&& ./mvnw -B -ntp -DskipTests package \
	&& cp target/*.jar application.jar \
	&& java -Djarmode=tools -jar application.jar extract --layers --destination extracted

FROM eclipse-temurin:17.0.15_6-jre-noble
WORKDIR /application
# Layers from least to most often changed, so a code change rebuilds only the last one.
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./
# Numeric, so that Kubernetes' runAsNonRoot can verify it without an /etc/passwd entry.
USER 10001:10001
EXPOSE 8080 8081
# Exit on OutOfMemoryError: a half-broken JVM must be restarted, not keep serving.
# /tmp is the only writable path (an emptyDir under a read-only root filesystem).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp", "-jar", "application.jar"]
