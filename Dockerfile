# syntax=docker/dockerfile:1.10.0
# One recipe for the three services, so that no model gets a different JDK, layout or flag: the build
# argument MODULE picks the service (docker-compose.yml passes it), e.g.
#   docker build --build-arg MODULE=reactive-service -t c10k-lab/reactive-service:0.1.0 .
# The build runs the same ./mvnw as a developer; the JDK 25 of this image is the one on PATH and
# JAVA_HOME, which the parent pom's maven-toolchains-plugin accepts as it is (no toolchains.xml).

FROM eclipse-temurin:25.0.3_9-jdk-noble AS build
ARG MODULE
# A wrong or missing MODULE fails here, before a long build fails with a confusing Maven message.
RUN case "$MODULE" in \
      blocking-service|reactive-service|virtual-thread-service) ;; \
      *) echo "MODULE must be blocking-service, reactive-service or virtual-thread-service, not '$MODULE'" >&2; \
         exit 1 ;; \
    esac
WORKDIR /build
COPY . .
# The cache mount keeps ~/.m2 (Maven itself and every dependency) across builds of all three images.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q package -DskipTests -pl "$MODULE" -am \
 && cp "$MODULE"/target/"$MODULE"-*.jar app.jar \
 && java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:25.0.3_9-jre-noble
ARG MODULE
LABEL org.opencontainers.image.title="c10k-lab $MODULE"
RUN groupadd --system --gid 10001 c10k \
 && useradd --system --uid 10001 --gid c10k --no-create-home --home-dir /app c10k
WORKDIR /app
# The single JVM-flags file of every start (native, lab test, bench); docs/fairness.md says why each flag.
COPY docker/jvm.options /app/jvm.options
# One layer per rate of change: a code change rebuilds only the last one.
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
USER c10k
ENV SERVER_PORT=8080
EXPOSE 8080
# Exec form: the JVM is PID 1 and gets SIGTERM itself, so Spring's graceful shutdown runs.
ENTRYPOINT ["java", "@/app/jvm.options", "org.springframework.boot.loader.launch.JarLauncher"]
