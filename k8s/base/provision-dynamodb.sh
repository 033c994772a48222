#!/bin/bash
# Brings the TSA DynamoDB tables to their specs, idempotently: missing tables are created and awaited until ACTIVE; on
# an existing table each missing global secondary index is added (one UpdateTable per index, as DynamoDB allows one
# index creation at a time) and awaited until ACTIVE, and its server-side encryption is brought to the requested KMS
# key; TTL is switched on only where DescribeTimeToLive says it is off. Drift that can't be changed in place (another
# hash key, an index with other keys) is printed by table and index and fails the run (exit 1) after every table was
# looked at: replacing a table or index is a data migration, not a provisioning step. The key schemas, indexes and
# TTL attributes are the services' TableSpecs (AdminTables, CoachTables, ParentTables, SyncTables; architecture.md);
# on-demand billing. The services' readiness checks the same specs (read-only) and names any drift.
#
# Environment: the seed's table variables (*_TABLE), AWS_REGION, and DYNAMODB_SSE_KMS_KEY_ID (empty: DynamoDB's
# default encryption with an AWS-owned key; set: SSE-KMS under that customer-managed key). AWS_ENDPOINT_URL points
# the AWS CLI at another endpoint (a local DynamoDB-compatible server) when set; DYNAMODB_TOLERATE_MISSING_TTL=true
# (local servers only) lets it go on where the server does not implement UpdateTimeToLive. DYNAMODB_INDEX_WAIT_SECONDS
# (default 3600) bounds the wait for a new index's backfill.
set -euo pipefail

drift=0

sse=()
if [ -n "${DYNAMODB_SSE_KMS_KEY_ID:-}" ]; then
  sse=(--sse-specification "Enabled=true,SSEType=KMS,KMSMasterKeyId=${DYNAMODB_SSE_KMS_KEY_ID}")
fi

# provision TABLE HASH_KEY [INDEX:HASH[:RANGE]]... [ttl=ATTRIBUTE]   (every key attribute is a string)
provision() {
  local table=$1 hash=$2
  shift 2
  local ttl="" indexes="" definitions="" seen=" "
  local -a wanted=()
  define() {
    case "$seen" in *" $1 "*) return ;; esac
    seen="$seen$1 "
    definitions="${definitions:+$definitions,}{\"AttributeName\":\"$1\",\"AttributeType\":\"S\"}"
  }
  define "$hash"
  local arg index ihash irange keys
  for arg in "$@"; do
    case "$arg" in
      ttl=*) ttl=${arg#ttl=} ;;
      *)
        IFS=: read -r index ihash irange <<<"$arg"
        define "$ihash"
        keys="{\"AttributeName\":\"$ihash\",\"KeyType\":\"HASH\"}"
        if [ -n "$irange" ]; then
          define "$irange"
          keys="$keys,{\"AttributeName\":\"$irange\",\"KeyType\":\"RANGE\"}"
        fi
        indexes="${indexes:+$indexes,}{\"IndexName\":\"$index\",\"KeySchema\":[$keys],\"Projection\":{\"ProjectionType\":\"ALL\"}}"
        wanted+=("$index:$ihash:$irange")
        ;;
    esac
  done

  local described
  if described=$(aws dynamodb describe-table --table-name "$table" --output json 2>&1); then
    echo "table $table exists"
    if [ -n "${DYNAMODB_SSE_KMS_KEY_ID:-}" ] && ! grep -q "\"KMSMasterKeyArn\": \"[^\"]*${DYNAMODB_SSE_KMS_KEY_ID##*/}\"" <<<"$described"; then
      echo "table $table: switching server-side encryption to the configured KMS key"
      aws dynamodb update-table --table-name "$table" "${sse[@]}" >/dev/null
    fi
  elif grep -q ResourceNotFoundException <<<"$described"; then
    local gsi=()
    if [ -n "$indexes" ]; then
      gsi=(--global-secondary-indexes "[$indexes]")
    fi
    aws dynamodb create-table --table-name "$table" --billing-mode PAY_PER_REQUEST \
      --key-schema "AttributeName=$hash,KeyType=HASH" --attribute-definitions "[$definitions]" \
      "${gsi[@]}" "${sse[@]}" --tags Key=app.kubernetes.io/part-of,Value=tsa >/dev/null
    echo "table $table created"
  else
    echo "$described" >&2
    return 1
  fi
  aws dynamodb wait table-exists --table-name "$table"

  local actual_hash
  actual_hash=$(aws dynamodb describe-table --table-name "$table" \
    --query "Table.KeySchema[?KeyType=='HASH'].AttributeName | [0]" --output text)
  if [ "$actual_hash" != "$hash" ]; then
    echo "DRIFT table $table: hash key is $actual_hash, the spec says $hash" >&2
    drift=1
    return 0
  fi
  local wanted_index actual_keys expected_keys status waited
  for wanted_index in "${wanted[@]}"; do
    IFS=: read -r index ihash irange <<<"$wanted_index"
    expected_keys="$ihash${irange:+ $irange}"
    actual_keys=$(aws dynamodb describe-table --table-name "$table" --output text \
      --query "Table.GlobalSecondaryIndexes[?IndexName=='$index'] | [0].KeySchema[].AttributeName" |
      tr -s '[:space:]' ' ' | sed 's/^ //; s/ $//')
    if [ "$actual_keys" = None ] || [ -z "$actual_keys" ]; then
      local idefs="{\"AttributeName\":\"$ihash\",\"AttributeType\":\"S\"}"
      keys="{\"AttributeName\":\"$ihash\",\"KeyType\":\"HASH\"}"
      if [ -n "$irange" ]; then
        idefs="$idefs,{\"AttributeName\":\"$irange\",\"AttributeType\":\"S\"}"
        keys="$keys,{\"AttributeName\":\"$irange\",\"KeyType\":\"RANGE\"}"
      fi
      aws dynamodb update-table --table-name "$table" --attribute-definitions "[$idefs]" \
        --global-secondary-index-updates \
        "[{\"Create\":{\"IndexName\":\"$index\",\"KeySchema\":[$keys],\"Projection\":{\"ProjectionType\":\"ALL\"}}}]" \
        >/dev/null
      echo "table $table: adding index $index"
      waited=0
      while :; do
        status=$(aws dynamodb describe-table --table-name "$table" --output text \
          --query "Table.GlobalSecondaryIndexes[?IndexName=='$index'] | [0].IndexStatus")
        [ "$status" = ACTIVE ] && break
        if [ "$waited" -ge "${DYNAMODB_INDEX_WAIT_SECONDS:-3600}" ]; then
          echo "table $table: index $index is still $status after ${waited}s" >&2
          return 1
        fi
        sleep 5
        waited=$((waited + 5))
      done
      echo "table $table: index $index is ACTIVE"
    elif [ "$actual_keys" != "$expected_keys" ]; then
      echo "DRIFT table $table index $index: keys are $actual_keys, the spec says $expected_keys" >&2
      drift=1
    fi
  done

  if [ -n "$ttl" ]; then
    local status
    status=$(aws dynamodb describe-time-to-live --table-name "$table" \
      --query TimeToLiveDescription.TimeToLiveStatus --output text)
    if [ "$status" != ENABLED ] && [ "$status" != ENABLING ]; then
      local refused
      if refused=$(aws dynamodb update-time-to-live --table-name "$table" \
        --time-to-live-specification "Enabled=true,AttributeName=$ttl" 2>&1 >/dev/null); then
        echo "table $table: TTL on $ttl enabled"
      elif [ "${DYNAMODB_TOLERATE_MISSING_TTL:-false}" = true ] && grep -q UnknownOperationException <<<"$refused"; then
        # Only a local DynamoDB-compatible server (dynalite) lacks UpdateTimeToLive; DynamoDB itself must not.
        echo "table $table: the server does not implement UpdateTimeToLive; no TTL sweep" >&2
      else
        echo "$refused" >&2
        return 1
      fi
    fi
  fi
}

# admin-service
provision "$INVITATIONS_TABLE" invitation_id coach-email-index:coach_email status-index:invitation_status:sent_at
provision "$AUDIT_LOGS_TABLE" log_id admin-actions-index:admin_email:timestamp action-type-index:action_type:timestamp
provision "$SIGN_IN_TABLE" link_id ttl=expiration_time
# coach-service
provision "$PROFILES_TABLE" coach_id school-index:school_id status-index:profile_status:updated_at \
  sync-pending-index:sync_pending:updated_at
provision "$ONBOARDING_TABLE" session_id ttl=expiration_time
provision "$PARENT_INVITATIONS_TABLE" invitation_id coach-invitations-index:coach_id parent-email-index:parent_email \
  ttl=expiration_time
# parent-service
provision "$ENROLLMENTS_TABLE" enrollment_id parent-enrollments-index:parent_email coach-enrollments-index:coach_id
provision "$DOCUMENTS_TABLE" document_id enrollment-documents-index:enrollment_id parent-documents-index:parent_email
provision "$SCHEDULING_TABLE" appointment_id coach-schedule-index:coach_id:scheduled_date \
  parent-appointments-index:parent_email
# sync-service
provision "$ORGANIZATIONS_TABLE" sourced_id
provision "$STUDENTS_TABLE" student_unique_id
if [ "$drift" -ne 0 ]; then
  echo "some TSA DynamoDB tables differ from their specs in ways provisioning can't change (DRIFT lines above)" >&2
  exit 1
fi
echo "all TSA DynamoDB tables are ACTIVE and match their specs"
