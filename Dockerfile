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

USER imoc
EXPOSE 8080
# Memory (issues 9 and 17): a heap of at most 160 MB with a young generation of 24 MB (the live set at 1,000 people is
# 70-95 MB, a third of it the page cache; the young generation is resident whole once the load has cycled through it,
# so it is kept small: collecting it is cheap, what survives is little), and the old generation committed to follow
# the live set (Min/MaxHeapFreeRatio 20/50: grown to 20 % more than it holds, given back above 50 % free): the
# highest resident size of the benchmark's loads 381-391 MB against 420-449 MB with -Xms64m -Xmx192m, at the price
# of about twice the full collections (fourth round, docs/BENCHMARKS.md; 10/30 saved 10 MB more for three times);
# a 48 MB code cache, the serial collector (what the JVM itself picks for a small container; on 2 cores it also
# keeps the pauses of a small heap short) and two malloc arenas. Override with JAVA_OPTS in docker-compose.yml if needed.
# TrimNativeHeapInterval (issue 17, memory) hands memory the JIT compilers and Tomcat freed back to the system every
# 10 s instead of keeping it in malloc's arenas.
ENV JAVA_OPTS="-Xms32m -Xmx160m -Xmn24m -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=50 -Xss512k -XX:ReservedCodeCacheSize=48m -XX:MaxMetaspaceSize=256m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=10000" \
    MALLOC_ARENA_MAX=2
# Health: GET /actuator/health/readiness (and /liveness); the checks live in docker-compose.yml.
ENTRYPOINT ["sh","-c","exec java -XX:SharedArchiveFile=/app/app.jsa $JAVA_OPTS -jar /app/app.jar \"$@\"","--"]
