# Sourced by the scripts of this folder: where the program, its configuration and its data are.
#   SYNCSTORE_CONF  the configuration folder. Default: conf/ of this distribution.
#   SYNCSTORE_DATA  the data folder: mail database, message files, generated TLS key, log, pid file.
#                   Default: var/ of this distribution.
#   When this distribution is the one a Maven build unpacked in target/ of a source tree, both default to the source
#   tree's instance/ folder (instance/conf, instance/var) instead, which "mvn clean" and a new build leave alone.
# Sets SERVER_HOME and exports SYNCSTORE_CONF and SYNCSTORE_DATA as absolute paths; JAVA is the java to run.

absolute() {
    case "$1" in
        /*) echo "$1" ;;
        *) echo "$PWD/$1" ;;
    esac
}

SERVER_HOME=$(cd "$(dirname "$0")/.." && pwd)
SOURCE_TREE=$(dirname "$(dirname "$SERVER_HOME")")
if [ "$(basename "$(dirname "$SERVER_HOME")")" = target ] && [ -f "$SOURCE_TREE/pom.xml" ]; then
    DEFAULT_CONF="$SOURCE_TREE/instance/conf"
    DEFAULT_DATA="$SOURCE_TREE/instance/var"
else
    DEFAULT_CONF="$SERVER_HOME/conf"
    DEFAULT_DATA="$SERVER_HOME/var"
fi
SYNCSTORE_CONF=$(absolute "${SYNCSTORE_CONF:-$DEFAULT_CONF}")
SYNCSTORE_DATA=$(absolute "${SYNCSTORE_DATA:-$DEFAULT_DATA}")
export SYNCSTORE_CONF SYNCSTORE_DATA

if [ -n "${JAVA_HOME:-}" ]; then
    JAVA="$JAVA_HOME/bin/java"
else
    JAVA=java
fi
