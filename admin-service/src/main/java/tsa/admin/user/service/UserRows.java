package tsa.admin.user.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.hibernate.query.NativeQuery;
import tsa.model.User;
import tsa.model.UserRole;
import tsa.runtime.problem.ProblemException;

/**
 * The PostgreSQL side of the user directory: the searches over the seed's indexes, and each write in its own
 * transaction on a locked row (or, for a new administrator row, under a lock on the address), re-checking the rules
 * that {@link UserDirectory} checked before recording the action.
 */
@ApplicationScoped
public class UserRows {

    /** Exact address; {@code idx_users_email}. Keyset paging on the primary key. */
    public static final String SEARCH_BY_EMAIL =
            "SELECT * FROM users WHERE email = :email AND sourced_id > :after " + "ORDER BY sourced_id LIMIT :limit";
    /** A role; the leading column of {@code idx_users_role_org}. */
    public static final String SEARCH_BY_ROLE =
            "SELECT * FROM users WHERE role = :role AND sourced_id > :after " + "ORDER BY sourced_id LIMIT :limit";
    /** A role in an organisation (the first of {@code org_ids}): exactly {@code idx_users_role_org}'s expression. */
    public static final String SEARCH_BY_ROLE_AND_ORG = "SELECT * FROM users WHERE role = :role "
            + "AND (org_ids->>0) = :orgId AND sourced_id > :after ORDER BY sourced_id LIMIT :limit";

    /**
     * Serialises the creation of an address's administrator row across transactions and replicas (several replicas
     * apply the allow-list at once); nothing else in the table would stop two rows for one address.
     */
    private static final String LOCK_ADDRESS = "SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(:key, 0))";

    private static final String ADMINISTRATOR_ROWS =
            "SELECT * FROM users WHERE email = :email AND role = :role " + "ORDER BY sourced_id";
    /** {@code username} is unique and goes to the first row of an address: a conflict means another row holds it. */
    private static final String INSERT_ADMINISTRATOR = "INSERT INTO users (sourced_id, status, username, "
            + "enabled_user, given_name, family_name, role, email) VALUES (:sourcedId, 'active', :username, true, "
            + ":givenName, :familyName, :role, :email) ON CONFLICT DO NOTHING";

    private final EntityManager em;

    @Inject
    public UserRows(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public Optional<UserView> find(String sourcedId) {
        return Optional.ofNullable(em.find(User.class, sourcedId)).map(UserView::of);
    }

    @Transactional
    public List<UserView> searchByEmail(String email, String after, int limit) {
        return search(SEARCH_BY_EMAIL, after, limit).setParameter("email", email).getResultList().stream()
                .map(UserView::of)
                .toList();
    }

    @Transactional
    public List<UserView> searchByRole(String role, String after, int limit) {
        return search(SEARCH_BY_ROLE, after, limit).setParameter("role", role).getResultList().stream()
                .map(UserView::of)
                .toList();
    }

    @Transactional
    public List<UserView> searchByRoleAndOrg(String role, String orgId, String after, int limit) {
        return search(SEARCH_BY_ROLE_AND_ORG, after, limit)
                .setParameter("role", role)
                .setParameter("orgId", orgId)
                .getResultList()
                .stream()
                .map(UserView::of)
                .toList();
    }

    /** The address's administrator rows (normally one), oldest id first. */
    @Transactional
    public List<UserView> administratorRows(String email) {
        return administratorEntities(email).stream().map(UserView::of).toList();
    }

    /** A new enabled administrator row; 409 if the address got an administrator row since it was checked. */
    @Transactional
    public UserView createAdministrator(String sourcedId, String email, String givenName, String familyName) {
        lockAddress(email);
        if (!administratorEntities(email).isEmpty()) {
            throw ProblemException.conflict(email + " got an administrator row meanwhile; nothing was changed");
        }
        insertAdministrator(sourcedId, email, givenName, familyName);
        return UserView.of(em.find(User.class, sourcedId));
    }

    /**
     * The allow-list's write: an enabled administrator row for the address unless it has one in any state (a
     * revoked one stays revoked). Returns whether a row was created.
     */
    @Transactional
    public boolean createAdministratorIfAbsent(String sourcedId, String email) {
        lockAddress(email);
        if (!administratorEntities(email).isEmpty()) {
            return false;
        }
        insertAdministrator(sourcedId, email, null, null);
        return true;
    }

    /** A revoked administrator row made active and enabled again; 409 if it is no longer revoked. */
    @Transactional
    public UserView restoreAdministrator(String sourcedId, String givenName, String familyName) {
        User row = locked(sourcedId);
        if (!UserRole.ADMINISTRATOR.value().equals(row.role) || !UserDirectory.STATUS_TOBEDELETED.equals(row.status)) {
            throw ProblemException.conflict(
                    "users row " + sourcedId + " is no longer a revoked administrator row; " + "nothing was changed");
        }
        row.status = User.STATUS_ACTIVE;
        row.enabledUser = Boolean.TRUE;
        if (givenName != null) {
            row.givenName = givenName;
        }
        if (familyName != null) {
            row.familyName = familyName;
        }
        return flushed(row);
    }

    @Transactional
    public UserView setEnabled(String sourcedId, boolean enabled, String callerEmail) {
        User row = locked(sourcedId);
        UserRowRules.checkEnabledChange(UserView.of(row), enabled, callerEmail);
        if (row.enabledUser != null && row.enabledUser == enabled) {
            return UserView.of(row);
        }
        row.enabledUser = enabled;
        return flushed(row);
    }

    @Transactional
    public UserView revokeAdministrator(String sourcedId, String callerEmail) {
        User row = locked(sourcedId);
        UserRowRules.checkRevocation(UserView.of(row), callerEmail);
        if (UserDirectory.STATUS_TOBEDELETED.equals(row.status) && Boolean.FALSE.equals(row.enabledUser)) {
            return UserView.of(row);
        }
        row.status = UserDirectory.STATUS_TOBEDELETED;
        row.enabledUser = Boolean.FALSE;
        return flushed(row);
    }

    @SuppressWarnings("unchecked")
    private NativeQuery<User> search(String sql, String after, int limit) {
        return (NativeQuery<User>) em.createNativeQuery(sql, User.class)
                .unwrap(NativeQuery.class)
                .setParameter("after", after, String.class)
                .setParameter("limit", limit, Integer.class);
    }

    @SuppressWarnings("unchecked")
    private List<User> administratorEntities(String email) {
        return em.createNativeQuery(ADMINISTRATOR_ROWS, User.class)
                .setParameter("email", email)
                .setParameter("role", UserRole.ADMINISTRATOR.value())
                .getResultList();
    }

    private void lockAddress(String email) {
        em.createNativeQuery(LOCK_ADDRESS)
                .setParameter("key", "users.administrator:" + email)
                .getSingleResult();
    }

    private void insertAdministrator(String sourcedId, String email, String givenName, String familyName) {
        if (insert(sourcedId, email, email, givenName, familyName) == 0) {
            // Another row of this address (a parent's, a coach's) holds the username.
            if (insert(sourcedId, null, email, givenName, familyName) == 0) {
                throw new IllegalStateException("users row " + sourcedId + " exists");
            }
        }
    }

    @SuppressWarnings("rawtypes")
    private int insert(String sourcedId, String username, String email, String givenName, String familyName) {
        NativeQuery insert = em.createNativeQuery(INSERT_ADMINISTRATOR).unwrap(NativeQuery.class);
        return insert.setParameter("sourcedId", sourcedId, String.class)
                .setParameter("username", username, String.class)
                .setParameter("givenName", givenName, String.class)
                .setParameter("familyName", familyName, String.class)
                .setParameter("role", UserRole.ADMINISTRATOR.value(), String.class)
                .setParameter("email", email, String.class)
                .executeUpdate();
    }

    private User locked(String sourcedId) {
        User row = em.find(User.class, sourcedId, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            throw ProblemException.notFound("no users row " + sourcedId);
        }
        return row;
    }

    /** Writes the change now, so the snapshot carries the timestamps the database's triggers set. */
    private UserView flushed(User row) {
        em.flush();
        return UserView.of(row);
    }
}
