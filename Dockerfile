# One image recipe for the three services: docker build --build-arg SERVICE=feed-service .
# Built by docker-compose.yml. (Not built on the development machines, which have no Docker engine.)
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
ARG SERVICE
RUN mvn -B -q -DskipTests install \
 && mvn -B -q -pl ${SERVICE} dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/out/lib \
 && cp ${SERVICE}/target/${SERVICE}-*.jar /out/

FROM eclipse-temurin:17-jre
ARG MAIN_CLASS
ENV MAIN_CLASS=${MAIN_CLASS} \
    NEWSFLOW_HTTP_HOST=0.0.0.0 \
    NEWSFLOW_STATE_DIR=/var/lib/newsflow
COPY --from=build /out /app
VOLUME /var/lib/newsflow
ENTRYPOINT ["sh", "-c", "exec java ${JAVA_OPTS:-} -cp '/app/*:/app/lib/*' ${MAIN_CLASS}"]
