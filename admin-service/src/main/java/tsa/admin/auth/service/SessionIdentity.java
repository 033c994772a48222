package tsa.admin.auth.service;

import java.util.LinkedHashMap;
import java.util.Map;

/** Who a session is for: the role, the address, and the person's ids that go into the token as claims. */
public record SessionIdentity(String role, String email, String coachId, String invitationId, String parentEmail) {

    public Map<String, String> ids() {
        Map<String, String> ids = new LinkedHashMap<>();
        if (coachId != null) {
            ids.put("coachId", coachId);
        }
        if (invitationId != null) {
            ids.put("invitationId", invitationId);
        }
        if (parentEmail != null) {
            ids.put("parentEmail", parentEmail);
        }
        return ids;
    }
}
