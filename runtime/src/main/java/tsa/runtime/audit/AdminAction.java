package tsa.runtime.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import tsa.runtime.paging.Page;

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

    /**
     * One {@code view} record for an admin's list read or search, not one per item: the query and how many items it
     * returned, never an item (issue 26, "Audit completeness"). {@code done} says what was read ("listed the
     * enrollments of a coach"); the count is added to it.
     */
    public static AdminAction listRead(
            String resourceType, String resourceId, String done, Map<String, Object> query, Page<?> found) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("query", query);
        summary.put("returned", found.items().size());
        summary.put("more", found.nextCursor() != null);
        return new AdminAction(
                VIEW, resourceType, resourceId, done + " (" + found.items().size() + " returned)", null, summary);
    }
}
