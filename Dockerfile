# syntax=docker/dockerfile:1
# Portcullis image: built from source in a JDK stage, run from a JRE as a non-root user.
# The executable jar leaves out the embedded PostgreSQL/Redis of the "local" profile:
# configure spring.r2dbc.url, spring.data.redis.url and portcullis.encryption.key
# (see compose.yaml).

FROM eclipse-temurin:17-jdk AS build
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

FROM eclipse-temurin:17-jre
RUN groupadd --system portcullis \
	&& useradd --system --gid portcullis --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin portcullis
WORKDIR /application
# Layers from least to most often changed, so a code change rebuilds only the last one.
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./
USER portcullis
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "application.jar"]
