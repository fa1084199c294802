# syntax=docker/dockerfile:1
#
# IMOC Scheduler image: build the Spring Boot jar with the Maven wrapper, run it on a JRE as a non-root user.
#   docker build -t imoc-scheduler .
#   docker compose up --build          (the production shape: PostgreSQL, two app instances, Mailpit)

# ---- build stage -------------------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /workspace

# Wrapper and POM first: the dependency layer below is rebuilt only when pom.xml (or the wrapper) changes.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN chmod +x mvnw && ./mvnw -B -q dependency:go-offline

# Sources, and the Flyway migrations (a Maven resource folder, packaged into the jar as db/migration).
COPY src/ src/
COPY migrations/ migrations/
RUN ./mvnw -B -q -DskipTests package \
    && cp target/*.jar /workspace/app.jar

# ---- run stage ---------------------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre

# curl serves the health checks in docker-compose.yml. The eclipse-temurin Ubuntu images ship it today;
# install it only if a future base image drops it.
RUN if ! command -v curl >/dev/null 2>&1; then \
        apt-get update \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
        && rm -rf /var/lib/apt/lists/*; \
    fi

# Non-root user. /app/data is writable so that the image also runs on its own (no SPRING_DATASOURCE_URL), with
# the embedded PostgreSQL in /app/data/postgres; compose always points it at the db service instead.
RUN groupadd --system imoc \
    && useradd --system --gid imoc --home-dir /app --no-create-home --shell /usr/sbin/nologin imoc \
    && mkdir -p /app/data \
    && chown imoc:imoc /app/data

WORKDIR /app
COPY --from=build /workspace/app.jar /tmp/app.jar

# Start-up (issue 9): the jar extracted (app.jar + lib/), and a class-data-sharing archive made by a training run on
# this very JRE: the context is refreshed once on a throw-away embedded database, then the JVM exits. Classes then
# load from the archive: start-up to healthy took 37 s instead of 61 s on the same loaded machine (docs/BENCHMARKS.md).
RUN java -Djarmode=tools -jar /tmp/app.jar extract --destination /app --force
RUN java -XX:ArchiveClassesAtExit=/app/app.jsa -Dspring.context.exit=onRefresh -jar /app/app.jar \
        --imoc.embedded-db.data-dir=/tmp/train --imoc.embedded-db.clean=true --imoc.demo=false --server.port=0 \
        --logging.level.root=WARN \
    && rm -rf /tmp/train /tmp/app.jar
# The build fails if the JVM cannot use the archive with this jar's class path (-Xshare:on refuses to start then);
# a JVM started without it falls back silently to loading every class from the jars, 8-14 s more CPU per start
# (issue 17, fifth round: an extracted jar moved after its archive was made).
RUN java -XX:SharedArchiveFile=/app/app.jsa -Xshare:on -cp /app/app.jar -version

USER imoc
EXPOSE 8080
# Memory (issues 9 and 17): a heap of 64 MB growing to 192 MB (twice the live set at 1,000 people, 70-95 MB: committing
# all of a 256 MB heap up front kept 256 MB resident), a 48 MB code cache, the serial collector (what the JVM itself
# picks for a small container; on 2 cores it also keeps the pauses of a 192 MB heap short) and two malloc arenas:
# 484-496 MB resident at the most with 1,000 people under the benchmark's loads (docs/BENCHMARKS.md). A smaller heap
# (-Xms32m -Xmx160m -Xmn24m, free ratios 20/50) measured 429-454 MB on the quiet machine but, with about twice the full
# collections, pushed the cached pages' p99 over 50 ms in one run of three (issue 17, fourth round): not adopted.
# Override with JAVA_OPTS in docker-compose.yml if needed.
# TrimNativeHeapInterval (issue 17, memory) hands memory the JIT compilers and Tomcat freed back to the system every
# 10 s instead of keeping it in malloc's arenas.
ENV JAVA_OPTS="-Xms64m -Xmx192m -Xss512k -XX:ReservedCodeCacheSize=48m -XX:MaxMetaspaceSize=256m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=10000" \
    MALLOC_ARENA_MAX=2
# Health: GET /actuator/health/readiness (and /liveness); the checks live in docker-compose.yml.
ENTRYPOINT ["sh","-c","exec java -XX:SharedArchiveFile=/app/app.jsa $JAVA_OPTS -jar /app/app.jar \"$@\"","--"]
