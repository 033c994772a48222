package tsa.admin.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import tsa.runtime.security.Caller;

/**
 * The caller as a test sets it, for calling the audit trail bean outside an HTTP request. An alternative: only the
 * test profiles that name it replace the request's {@link Caller} with it.
 */
@Alternative
@ApplicationScoped
public class ActingAdmin extends Caller {

    private volatile String email;
    private volatile String sessionId;
    private volatile String ipAddress;
    private volatile String userAgent;

    public void actAs(String email, String sessionId, String ipAddress, String userAgent) {
        this.email = email;
        this.sessionId = sessionId;
        this.ipAddress = ipAddress;
        this.userAgent = userAgent;
    }

    @Override
    public boolean isAnonymous() {
        return email == null;
    }

    @Override
    public boolean hasRole(String role) {
        return email != null && "admin".equals(role);
    }

    @Override
    public String email() {
        return email;
    }

    @Override
    public String sessionId() {
        return sessionId;
    }

    @Override
    public String ipAddress() {
        return ipAddress;
    }

    @Override
    public String userAgent() {
        return userAgent;
    }
}
