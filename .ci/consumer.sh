#!/usr/bin/env bash
# Builds examples/consumer as a new user's project would be built: Resequel's artifacts are deployed to a staging
# repository (as a release would publish them), and the consumer resolves everything from an EMPTY local repository.
# Remote repositories, in order: the staging one (Resequel), this machine's Maven cache served as a file:// mirror
# (a proxy of Maven Central, so the check does not download what the build already has), then Maven Central itself
# for anything the cache lacks (e.g. the Spring Framework version Boot's BOM manages). The consumer's test then
# checks that the class path has the versions resequel-bom pins, not Spring Boot's.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stage="$work/staging"
cache="${MAVEN_CACHE:-$HOME/.m2/repository}"

mvn -B -q deploy -DskipTests -Dmaven.javadoc.skip=true -DaltDeploymentRepository="staging::file://$stage" \
  -pl bom,spring-boot-starter,dialects/h2 -am

cat > "$work/settings.xml" <<XML
<settings>
  <localRepository>$work/repository</localRepository>
  <profiles>
    <profile>
      <id>consumer</id>
      <repositories>
        <repository><id>staging</id><url>file://$stage</url>
          <releases><enabled>false</enabled></releases><snapshots><enabled>true</enabled></snapshots></repository>
        <repository><id>cache</id><url>file://$cache</url>
          <snapshots><enabled>false</enabled></snapshots></repository>
      </repositories>
      <pluginRepositories>
        <pluginRepository><id>cache</id><url>file://$cache</url>
          <snapshots><enabled>false</enabled></snapshots></pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>consumer</activeProfile></activeProfiles>
</settings>
XML

prop() { grep -o "<$1>[^<]*</$1>" bom/pom.xml | head -1 | sed -E 's/<[^>]+>//g'; }
mvn -B -s "$work/settings.xml" -f examples/consumer/pom.xml verify \
  -Dexpected.netty="$(prop netty.version)" -Dexpected.reactor-pool="$(prop reactor-pool.version)" \
  -Dexpected.r2dbc-pool="$(prop r2dbc-pool.version)" -Dexpected.h2="$(prop h2.version)"

# Resequel came from the staging repository, not from anywhere else.
for module in resequel-bom resequel-core resequel-spring-boot-starter resequel-dialect-h2; do
  if ! grep -qs "staging" "$work/repository/io/resequel/$module/0.1.0-SNAPSHOT/"*.repositories \
       "$work/repository/io/resequel/$module/0.1.0-SNAPSHOT/resolver-status.properties" \
       "$work/repository/io/resequel/$module/0.1.0-SNAPSHOT/maven-metadata-staging.xml"; then
    echo "consumer: $module was not resolved from the staging repository" >&2
    exit 1
  fi
done
echo "consumer: examples/consumer built and tested from an empty local repository"
