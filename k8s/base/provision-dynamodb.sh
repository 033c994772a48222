#!/bin/bash
# Creates the TSA DynamoDB tables that do not exist yet, idempotently: an existing table is left as it is (only its
# server-side encryption is brought to the requested KMS key), new tables are awaited until ACTIVE, and TTL is
# switched on only where DescribeTimeToLive says it is off. The key schemas, indexes and TTL attributes are the
# services' TableSpecs (AdminTables, CoachTables, ParentTables, SyncTables; architecture.md); on-demand billing.
#
# Environment: the seed's table variables (*_TABLE), AWS_REGION, and DYNAMODB_SSE_KMS_KEY_ID (empty: DynamoDB's
# default encryption with an AWS-owned key; set: SSE-KMS under that customer-managed key). AWS_ENDPOINT_URL points
# the AWS CLI at another endpoint (a local DynamoDB-compatible server) when set; DYNAMODB_TOLERATE_MISSING_TTL=true
# (local servers only) lets it go on where the server does not implement UpdateTimeToLive.
set -euo pipefail

sse=()
if [ -n "${DYNAMODB_SSE_KMS_KEY_ID:-}" ]; then
  sse=(--sse-specification "Enabled=true,SSEType=KMS,KMSMasterKeyId=${DYNAMODB_SSE_KMS_KEY_ID}")
fi

# provision TABLE HASH_KEY [INDEX:HASH[:RANGE]]... [ttl=ATTRIBUTE]   (every key attribute is a string)
provision() {
  local table=$1 hash=$2
  shift 2
  local ttl="" indexes="" definitions="" seen=" "
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
echo "all TSA DynamoDB tables are ACTIVE"
