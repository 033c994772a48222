package tsa.runtime.audit;

import java.util.Map;

/**
 * An admin's write, as the audit trail records it: the seed's {@code action_type} ({@code create|update|delete|view}),
 * {@code resource_type}, {@code resource_id}, a human-readable description, and the resource before and after.
 */
public record AdminAction(
        String actionType,
        String resourceType,
        String resourceId,
        String description,
        Map<String, Object> beforeState,
        Map<String, Object> afterState) {

    public static final String CREATE = "create";
    public static final String UPDATE = "update";
    public static final String DELETE = "delete";
    public static final String VIEW = "view";

    public AdminAction {
        beforeState = beforeState == null ? Map.of() : beforeState;
        afterState = afterState == null ? Map.of() : afterState;
    }
}
