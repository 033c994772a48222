package tsa.admin.audit.rest;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.Map;
import tsa.admin.audit.service.AuditTrail;
import tsa.admin.audit.store.AuditRecord;
import tsa.runtime.text.SingleLine;

/**
 * The contract's {@code AuditRecordCreate}: an admin's action as another service reports it, under the
 * {@code logId} that service chose. {@code unknownFields} collects what the contract does not name
 * ({@code additionalProperties: false}), so that it can be refused rather than silently dropped.
 */
public record AuditRecordCreate(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_.:-]+", message = "may hold only A-Z a-z 0-9 _ . : -")
        String logId,

        @NotBlank @Email @Size(max = 254) String adminEmail,

        @NotNull @Pattern(regexp = "create|update|delete|view", message = "must be create, update, delete or view")
        String actionType,

        @NotNull
        @Pattern(regexp = AuditTrail.RESOURCE_TYPE_PATTERN, message = "must be one of the listed resource types")
        String resourceType,

        @SingleLine @Size(max = 255) String resourceId,
        @NotBlank @Size(max = 1000) String actionDescription,
        ObjectNode beforeState,
        ObjectNode afterState,
        @SingleLine @Size(max = 45) String ipAddress,
        @SingleLine @Size(max = 1000) String userAgent,
        @SingleLine @NotBlank @Size(max = 255) String sessionId,

        @Pattern(regexp = "succeeded|failed", message = "must be succeeded or failed")
        String outcome,

        @Size(max = 64) String relatedLogId,
        @JsonAnySetter Map<String, JsonNode> unknownFields) {

    public AuditRecordCreate {
        unknownFields = unknownFields == null ? Map.of() : new LinkedHashMap<>(unknownFields);
    }

    /** The item to store; admin-service adds the {@code timestamp}. */
    AuditRecord toRecord() {
        return AuditRecord.builder()
                .logId(logId)
                .adminEmail(adminEmail)
                .actionType(actionType)
                .resourceType(resourceType)
                .resourceId(resourceId)
                .actionDescription(actionDescription)
                .beforeState(beforeState)
                .afterState(afterState)
                .ipAddress(ipAddress)
                .userAgent(userAgent)
                .sessionId(sessionId)
                .outcome(outcome)
                .relatedLogId(relatedLogId)
                .build();
    }
}
